package com.fairtradeworker.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.bidding.BidStatus;
import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The state enums and the CHECK constraints on their columns list exactly the same values, in the same order. */
@IntegrationTest
class StatusChecksMirrorEnumsTest {

    private static final Pattern QUOTED = Pattern.compile("'([A-Z_]+)'");

    @Autowired
    DatabaseRoles db;

    @Test
    void bidStatusMirrorsBidsStatusCheck() {
        assertThat(checkValues("bids_status_check")).containsExactlyElementsOf(names(BidStatus.values()));
    }

    @Test
    void contractStatusMirrorsBidContractsStatusCheck() {
        assertThat(checkValues("bid_contracts_status_check")).containsExactlyElementsOf(names(ContractStatus.values()));
    }

    private List<String> checkValues(String constraint) {
        String definition = db.owner()
                .sql("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = ?")
                .param(constraint)
                .query(String.class)
                .single();
        Matcher matcher = QUOTED.matcher(definition);
        List<String> values = new java.util.ArrayList<>();
        while (matcher.find()) {
            values.add(matcher.group(1));
        }
        return values;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
