package com.fairtradeworker.profiles.web;

import com.fairtradeworker.shared.Trade;
import com.fairtradeworker.shared.TradeTaxonomy;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The trade taxonomy, for pickers in the profile and job forms. */
@RestController
class TradesController {

    /** @param parentCode null for a top-level trade */
    record TradeResponse(String code, String displayName, String parentCode) {

        static TradeResponse of(Trade trade) {
            return new TradeResponse(
                    trade.code(), trade.displayName(), trade.parentCode().orElse(null));
        }
    }

    @Operation(
            summary = "The trades and sub-trades",
            description = "Anyone, signed in or not. Codes are stable; each parent is listed before its sub-trades.")
    @GetMapping("/api/trades")
    List<TradeResponse> trades() {
        return TradeTaxonomy.all().stream().map(TradeResponse::of).toList();
    }
}
