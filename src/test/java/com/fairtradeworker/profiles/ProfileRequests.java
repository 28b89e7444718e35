package com.fairtradeworker.profiles;

import java.time.LocalDate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Request bodies for the profile routes, built as JSON trees so tests can break one field at a time. */
final class ProfileRequests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private ProfileRequests() {}

    /** Everything bidding needs, with credentials valid until the given dates. */
    static ObjectNode completeContractorProfile(LocalDate licenceExpiresOn, LocalDate insuranceExpiresOn) {
        ObjectNode body = JSON.createObjectNode();
        body.put("businessName", "Leak Busters Ltd");
        body.putArray("trades").add("plumbing.water_heaters").add("plumbing.drains");
        ObjectNode area = body.putObject("serviceArea");
        area.put("latitude", 51.50735);
        area.put("longitude", -0.12776);
        area.put("radiusKm", 25);
        body.set("licence", licence("PLB-778899", "Greater London", licenceExpiresOn));
        body.set("insurance", insurance("Acme Mutual", insuranceExpiresOn));
        body.put("bio", "Twenty years of fixing leaks.");
        body.put("yearsExperience", 20);
        return body;
    }

    static ObjectNode licence(String number, String region, LocalDate expiresOn) {
        ObjectNode licence = JSON.createObjectNode();
        licence.put("number", number);
        licence.put("region", region);
        licence.put("expiresOn", expiresOn.toString());
        return licence;
    }

    static ObjectNode insurance(String provider, LocalDate expiresOn) {
        ObjectNode insurance = JSON.createObjectNode();
        insurance.put("provider", provider);
        insurance.put("expiresOn", expiresOn.toString());
        return insurance;
    }

    static ObjectNode submission(LocalDate licenceExpiresOn, LocalDate insuranceExpiresOn) {
        ObjectNode body = JSON.createObjectNode();
        body.set("licence", licence("PLB-778899", "Greater London", licenceExpiresOn));
        body.set("insurance", insurance("Acme Mutual", insuranceExpiresOn));
        return body;
    }

    static ObjectNode homeownerProfile() {
        ObjectNode body = JSON.createObjectNode();
        body.put("addressLine", "12 Orchard Lane, Bristol");
        body.put("postcode", "BS1 4DJ");
        ObjectNode location = body.putObject("location");
        location.put("latitude", 51.4545);
        location.put("longitude", -2.5879);
        body.put("phone", "+447700900123");
        return body;
    }
}
