package com.fairtradeworker.disputes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fairtradeworker.support.DatabaseRoles;
import com.fairtradeworker.support.IntegrationTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The dispute enums and the CHECK constraints on their columns list exactly the same values, in the same order. */
@IntegrationTest
class DisputeStatusChecksTest {

    private static final Pattern QUOTED = Pattern.compile("'([A-Z_]+)'");

    @Autowired
    DatabaseRoles db;

    @Test
    void enumsMirrorTheirChecks() {
        assertThat(checkValues("disputes_status_check")).containsExactlyElementsOf(names(DisputeStatus.values()));
        assertThat(checkValues("disputes_desired_outcome_check"))
                .containsExactlyElementsOf(names(DisputeOutcome.values()));
        assertThat(checkValues("disputes_resolution_value_check"))
                .containsExactlyElementsOf(names(DisputeOutcome.values()));
        assertThat(checkValues("dispute_responses_kind_check"))
                .containsExactlyElementsOf(names(DisputeEntryKind.values()));
    }

    @Test
    void theReasonCheckListsExactlyTheReasons() {
        assertThat(checkValues("disputes_reason_check")).containsExactlyElementsOf(names(DisputeReason.values()));
    }

    private List<String> checkValues(String constraint) {
        String definition = db.owner()
                .sql("SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conname = ?")
                .param(constraint)
                .query(String.class)
                .single();
        Matcher matcher = QUOTED.matcher(definition);
        List<String> values = new ArrayList<>();
        while (matcher.find()) {
            values.add(matcher.group(1));
        }
        return values;
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
