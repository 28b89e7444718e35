package com.fairtradeworker.shared;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The trades homeowners hire for and contractors offer, with their sub-trades. Jobs, profiles and search all validate
 * against this one list. Adding a trade is a code change; removing or renaming a code is not allowed (stored rows
 * refer to it).
 */
public final class TradeTaxonomy {

    /** ltree labels: lower case letters, digits and underscores, dot-separated. */
    private static final Pattern CODE = Pattern.compile("^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$");

    private static final Map<String, Trade> TRADES = build(
            "plumbing", "Plumbing",
            "plumbing.water_heaters", "Water heaters",
            "plumbing.drains", "Drains and sewer lines",
            "plumbing.fixtures", "Fixtures and fittings",
            "plumbing.repiping", "Repiping",
            "electrical", "Electrical",
            "electrical.wiring", "Wiring and rewiring",
            "electrical.panels", "Panels and breakers",
            "electrical.lighting", "Lighting",
            "electrical.ev_chargers", "EV chargers",
            "roofing", "Roofing",
            "roofing.repair", "Roof repair",
            "roofing.replacement", "Roof replacement",
            "roofing.gutters", "Gutters",
            "carpentry", "Carpentry",
            "carpentry.framing", "Framing",
            "carpentry.finish", "Finish carpentry",
            "carpentry.decks", "Decks and porches",
            "carpentry.cabinets", "Cabinets",
            "painting", "Painting",
            "painting.interior", "Interior painting",
            "painting.exterior", "Exterior painting",
            "hvac", "HVAC",
            "hvac.installation", "Heating and cooling installation",
            "hvac.repair", "Heating and cooling repair",
            "hvac.ductwork", "Ductwork",
            "landscaping", "Landscaping",
            "landscaping.lawn", "Lawn care",
            "landscaping.hardscaping", "Hardscaping",
            "landscaping.trees", "Tree work",
            "general_contracting", "General contracting",
            "general_contracting.remodeling", "Remodeling",
            "general_contracting.additions", "Additions",
            "general_contracting.kitchens", "Kitchen remodeling",
            "general_contracting.bathrooms", "Bathroom remodeling",
            "flooring", "Flooring",
            "flooring.hardwood", "Hardwood",
            "flooring.tile", "Tile",
            "masonry", "Masonry",
            "masonry.concrete", "Concrete",
            "masonry.brick_stone", "Brick and stone");

    private TradeTaxonomy() {}

    public static List<Trade> all() {
        return List.copyOf(TRADES.values());
    }

    public static Optional<Trade> find(String code) {
        return Optional.ofNullable(code == null ? null : TRADES.get(code));
    }

    public static boolean exists(String code) {
        return code != null && TRADES.containsKey(code);
    }

    /** The trade and all its sub-trades, for "includes sub-trades" filters. */
    public static List<Trade> within(String code) {
        return TRADES.values().stream().filter(trade -> trade.isWithin(code)).toList();
    }

    private static Map<String, Trade> build(String... codesAndNames) {
        Map<String, Trade> trades = new LinkedHashMap<>();
        for (int i = 0; i < codesAndNames.length; i += 2) {
            Trade trade = new Trade(codesAndNames[i], codesAndNames[i + 1]);
            if (!CODE.matcher(trade.code()).matches()) {
                throw new IllegalStateException("Not an ltree path: " + trade.code());
            }
            if (trade.parentCode().isPresent()
                    && !trades.containsKey(trade.parentCode().get())) {
                throw new IllegalStateException("Parent listed after child: " + trade.code());
            }
            if (trades.put(trade.code(), trade) != null) {
                throw new IllegalStateException("Duplicate trade code: " + trade.code());
            }
        }
        return java.util.Collections.unmodifiableMap(trades);
    }
}
