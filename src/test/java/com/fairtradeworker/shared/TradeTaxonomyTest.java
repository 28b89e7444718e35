package com.fairtradeworker.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TradeTaxonomyTest {

    @Test
    void coversThePlansTradesWithSubTrades() {
        assertThat(TradeTaxonomy.all())
                .extracting(Trade::code)
                .contains(
                        "plumbing",
                        "electrical",
                        "roofing",
                        "carpentry",
                        "painting",
                        "hvac",
                        "landscaping",
                        "general_contracting",
                        "plumbing.water_heaters");
    }

    @Test
    void aTradeIncludesItsSubTradesButNotLookAlikes() {
        assertThat(TradeTaxonomy.within("plumbing"))
                .extracting(Trade::code)
                .contains("plumbing", "plumbing.water_heaters")
                .allMatch(code -> code.equals("plumbing") || code.startsWith("plumbing."));
        assertThat(new Trade("painting_x", "X").isWithin("painting")).isFalse();
    }

    @Test
    void unknownCodesDoNotExist() {
        assertThat(TradeTaxonomy.exists("plumbing.water_heaters")).isTrue();
        assertThat(TradeTaxonomy.exists("plumbing.unicorns")).isFalse();
        assertThat(TradeTaxonomy.exists(null)).isFalse();
        assertThat(TradeTaxonomy.find("hvac").map(Trade::displayName)).contains("HVAC");
    }

    @Test
    void everySubTradeHasAParent() {
        assertThat(TradeTaxonomy.all())
                .allMatch(trade -> trade.parentCode().map(TradeTaxonomy::exists).orElse(true));
    }
}
