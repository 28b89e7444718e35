package com.fairtradeworker.benchmark;

import com.fairtradeworker.identity.password.Argon2Settings;
import com.fairtradeworker.identity.password.PasswordHasher;
import com.fairtradeworker.platform.database.DatabaseUrl;
import com.fairtradeworker.platform.database.JdbcEndpoint;
import com.fairtradeworker.shared.TradeTaxonomy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A realistic, deterministic data set for measuring search and bidding at size (issue 5): at scale 1, 40,000
 * homeowners, 10,000 contractors with complete profiles, 3 admins, 100,000 jobs around 52 US metro areas, 1,000,000
 * bids (each with its revision 1; a few with a revision 2), a contract and a funding clock for every awarded job, and
 * the acceptance clock of every open job. Loaded with COPY into the tables as the migrations define them (indexes,
 * constraints and triggers in place), then VACUUM ANALYZE. Every user's password is {@value #PASSWORD}, hashed once
 * (Argon2id with the service's parameters).
 *
 * <p>Not a test (surefire does not pick it up). {@code benchmarks/generate-data.sh} creates a scratch database and
 * runs it; by hand, on the test classpath:
 *
 * <pre>
 * ./mvnw -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt &amp;&amp; \
 *   java -cp target/test-classes:target/classes:$(cat target/cp.txt) \
 *   com.fairtradeworker.benchmark.DataGenerator postgresql://owner@127.0.0.1:5432/db runtime_role [scale [seed [now]]]
 * </pre>
 *
 * The first argument names the schema owner (Flyway migrates as it; the grants name the runtime role, the second
 * argument). The database must be empty of data (migrated or not). Same seed, scale and {@code now} give the same rows
 * (except the password hash's salt); {@code now} defaults to the current hour and anchors every time stamp: open jobs
 * have deadlines after it, ended jobs closed before it.
 */
public final class DataGenerator {

    static final String PASSWORD = "bench-data-Password-2024";
    static final String EMAIL_DOMAIN = "bench.fairtradeworker.test";
    static final int FEE_RATE_BPS = 500;
    static final Duration ACCEPTANCE_WINDOW = Duration.ofDays(14);
    static final Duration FUNDING_WINDOW = Duration.ofDays(7);

    /** A metro area: centre, state, first three ZIP digits, and a weight (population, millions). */
    record City(String name, String state, String stateName, double lat, double lng, String zip3, double weight) {

        /** Standard deviation of homes around the centre: bigger metros sprawl more. */
        double sigmaKm() {
            return 8 + 4 * Math.sqrt(weight);
        }
    }

    static final List<City> CITIES = List.of(
            new City("New York", "NY", "New York", 40.7128, -74.0060, "100", 19.5),
            new City("Los Angeles", "CA", "California", 34.0522, -118.2437, "900", 13.0),
            new City("Chicago", "IL", "Illinois", 41.8781, -87.6298, "606", 9.4),
            new City("Dallas", "TX", "Texas", 32.7767, -96.7970, "752", 7.6),
            new City("Houston", "TX", "Texas", 29.7604, -95.3698, "770", 7.1),
            new City("Washington", "DC", "District of Columbia", 38.9072, -77.0369, "200", 6.3),
            new City("Philadelphia", "PA", "Pennsylvania", 39.9526, -75.1652, "191", 6.2),
            new City("Miami", "FL", "Florida", 25.7617, -80.1918, "331", 6.1),
            new City("Atlanta", "GA", "Georgia", 33.7490, -84.3880, "303", 6.1),
            new City("Boston", "MA", "Massachusetts", 42.3601, -71.0589, "021", 4.9),
            new City("Phoenix", "AZ", "Arizona", 33.4484, -112.0740, "850", 4.9),
            new City("San Francisco", "CA", "California", 37.7749, -122.4194, "941", 4.7),
            new City("Riverside", "CA", "California", 33.9533, -117.3962, "925", 4.6),
            new City("Detroit", "MI", "Michigan", 42.3314, -83.0458, "482", 4.3),
            new City("Seattle", "WA", "Washington", 47.6062, -122.3321, "981", 4.0),
            new City("Minneapolis", "MN", "Minnesota", 44.9778, -93.2650, "554", 3.7),
            new City("San Diego", "CA", "California", 32.7157, -117.1611, "921", 3.3),
            new City("Tampa", "FL", "Florida", 27.9506, -82.4572, "336", 3.2),
            new City("Denver", "CO", "Colorado", 39.7392, -104.9903, "802", 3.0),
            new City("St. Louis", "MO", "Missouri", 38.6270, -90.1994, "631", 2.8),
            new City("Baltimore", "MD", "Maryland", 39.2904, -76.6122, "212", 2.8),
            new City("Charlotte", "NC", "North Carolina", 35.2271, -80.8431, "282", 2.7),
            new City("Orlando", "FL", "Florida", 28.5383, -81.3792, "328", 2.7),
            new City("San Antonio", "TX", "Texas", 29.4241, -98.4936, "782", 2.6),
            new City("Portland", "OR", "Oregon", 45.5152, -122.6784, "972", 2.5),
            new City("Sacramento", "CA", "California", 38.5816, -121.4944, "958", 2.4),
            new City("Pittsburgh", "PA", "Pennsylvania", 40.4406, -79.9959, "152", 2.4),
            new City("Austin", "TX", "Texas", 30.2672, -97.7431, "787", 2.4),
            new City("Las Vegas", "NV", "Nevada", 36.1699, -115.1398, "891", 2.3),
            new City("Cincinnati", "OH", "Ohio", 39.1031, -84.5120, "452", 2.3),
            new City("Kansas City", "MO", "Missouri", 39.0997, -94.5786, "641", 2.2),
            new City("Columbus", "OH", "Ohio", 39.9612, -82.9988, "432", 2.1),
            new City("Indianapolis", "IN", "Indiana", 39.7684, -86.1581, "462", 2.1),
            new City("Cleveland", "OH", "Ohio", 41.4993, -81.6944, "441", 2.1),
            new City("San Jose", "CA", "California", 37.3382, -121.8863, "951", 2.0),
            new City("Nashville", "TN", "Tennessee", 36.1627, -86.7816, "372", 2.0),
            new City("Virginia Beach", "VA", "Virginia", 36.8529, -75.9780, "234", 1.8),
            new City("Providence", "RI", "Rhode Island", 41.8240, -71.4128, "029", 1.7),
            new City("Jacksonville", "FL", "Florida", 30.3322, -81.6557, "322", 1.6),
            new City("Milwaukee", "WI", "Wisconsin", 43.0389, -87.9065, "532", 1.6),
            new City("Raleigh", "NC", "North Carolina", 35.7796, -78.6382, "276", 1.4),
            new City("Oklahoma City", "OK", "Oklahoma", 35.4676, -97.5164, "731", 1.4),
            new City("Memphis", "TN", "Tennessee", 35.1495, -90.0490, "381", 1.3),
            new City("Richmond", "VA", "Virginia", 37.5407, -77.4360, "232", 1.3),
            new City("Louisville", "KY", "Kentucky", 38.2527, -85.7585, "402", 1.3),
            new City("New Orleans", "LA", "Louisiana", 29.9511, -90.0715, "701", 1.3),
            new City("Salt Lake City", "UT", "Utah", 40.7608, -111.8910, "841", 1.3),
            new City("Hartford", "CT", "Connecticut", 41.7658, -72.6734, "061", 1.2),
            new City("Buffalo", "NY", "New York", 42.8864, -78.8784, "142", 1.1),
            new City("Birmingham", "AL", "Alabama", 33.5186, -86.8104, "352", 1.1),
            new City("Albuquerque", "NM", "New Mexico", 35.0844, -106.6504, "871", 0.9),
            new City("Boise", "ID", "Idaho", 43.6150, -116.2023, "837", 0.8));

    /** Continental-US box: exurban scatter is clamped to it. */
    static final double MIN_LAT = 24.5, MAX_LAT = 49.0, MIN_LNG = -124.7, MAX_LNG = -66.9;

    /** Top-level trades with their share of jobs and a typical price range in USD. */
    record TradeGroup(String code, int weight, int minUsd, int maxUsd) {}

    static final List<TradeGroup> GROUPS = List.of(
            new TradeGroup("plumbing", 14, 150, 12_000),
            new TradeGroup("electrical", 12, 150, 9_000),
            new TradeGroup("roofing", 9, 300, 35_000),
            new TradeGroup("carpentry", 10, 300, 25_000),
            new TradeGroup("painting", 12, 400, 15_000),
            new TradeGroup("hvac", 11, 150, 18_000),
            new TradeGroup("landscaping", 10, 100, 20_000),
            new TradeGroup("general_contracting", 9, 5_000, 150_000),
            new TradeGroup("flooring", 7, 500, 15_000),
            new TradeGroup("masonry", 6, 500, 25_000));

    /** Per sub-trade: title templates, then (after "|") detail sentences. Slots in braces. */
    static final Map<String, String[][]> TEXT = new LinkedHashMap<>();

    static {
        text(
                "plumbing.water_heaters",
                new String[] {
                    "Replace {gallons}-gallon gas water heater",
                    "Install tankless water heater in {room}",
                    "Water heater leaking in the {room}",
                    "No hot water: water heater repair",
                    "Convert electric water heater to heat pump unit",
                    "Flush and service water heater, replace anode rod"
                },
                new String[] {
                    "The current {gallons}-gallon tank is {age} years old and leaking at the base.",
                    "We get hot water for only a few minutes before it runs cold.",
                    "The pilot light keeps going out and the burner makes a popping sound.",
                    "We would like a tankless unit mounted on the {room} wall to free up space.",
                    "The expansion tank and shut-off valve probably need replacing too.",
                    "Gas line and venting are already in place next to the heater."
                });
        text(
                "plumbing.drains",
                new String[] {
                    "Clear clogged kitchen sink drain",
                    "Main sewer line backing up",
                    "Slow shower drain in {room}",
                    "Camera inspection of sewer line",
                    "Replace cracked cast iron drain pipe",
                    "Install backwater valve and sump pump"
                },
                new String[] {
                    "Water backs up into the {room} floor drain whenever the washer runs.",
                    "We have tried a plunger and enzyme cleaner without luck.",
                    "Tree roots may have grown into the clay sewer line.",
                    "The cast iron stack in the basement has a visible crack and smells.",
                    "We want hydro-jetting if snaking does not clear it.",
                    "The cleanout is in the front yard near the driveway."
                });
        text(
                "plumbing.fixtures",
                new String[] {
                    "Replace leaking kitchen faucet",
                    "Install new toilet in {room}",
                    "Fix running toilet and leaking shut-off valves",
                    "Install garbage disposal",
                    "Replace shower valve and trim",
                    "Install pedestal sink and vanity faucet"
                },
                new String[] {
                    "The faucet drips constantly even with a new cartridge.",
                    "We already bought the {brand} fixture and need installation only.",
                    "The toilet rocks slightly and the wax ring may be failing.",
                    "Shut-off valves under the sinks are old and seized.",
                    "We want a pressure-balancing valve so the shower does not scald.",
                    "There is a small leak under the vanity that stained the cabinet floor."
                });
        text(
                "plumbing.repiping",
                new String[] {
                    "Repipe house from galvanized to PEX",
                    "Replace polybutylene supply lines",
                    "Reroute water lines for {room} remodel",
                    "Fix low water pressure throughout the house",
                    "Replace main water line from the street",
                    "Install whole-house water filtration"
                },
                new String[] {
                    "The supply pipes are original galvanized steel and the pressure is very low.",
                    "Our insurer requires replacing the polybutylene piping before renewal.",
                    "Walls can be opened from the {room} side.",
                    "We had two pinhole leaks in the copper lines this year.",
                    "The main line from the meter is lead and the city offers a rebate.",
                    "The house has {baths} bathrooms and a laundry room upstairs."
                });
        text(
                "electrical.wiring",
                new String[] {
                    "Rewire {home} with knob and tube wiring",
                    "Add outlets in {room}",
                    "Install dedicated circuit for {appliance}",
                    "Replace aluminum wiring connections",
                    "Run power to detached garage",
                    "Troubleshoot flickering outlets and tripping breaker"
                },
                new String[] {
                    "Several outlets in the {room} are dead and one feels warm.",
                    "The house still has knob and tube wiring in the attic.",
                    "We need a 240V circuit for a new {appliance}.",
                    "The home inspector flagged ungrounded two-prong outlets.",
                    "We want GFCI protection in the kitchen, bathrooms and garage.",
                    "The trench for the garage feed is about {feet} feet long."
                });
        text(
                "electrical.panels",
                new String[] {
                    "Upgrade electrical panel to 200 amp",
                    "Replace Federal Pacific panel",
                    "Install subpanel in garage",
                    "Add whole-house surge protector",
                    "Breaker keeps tripping in {room}",
                    "Install generator interlock and inlet"
                },
                new String[] {
                    "The existing 100 amp panel is full and uses tandem breakers.",
                    "Our insurer will not renew with the Federal Pacific panel.",
                    "We are adding a heat pump and an EV charger, so a load calculation is needed.",
                    "The utility will need to disconnect service for the meter swap.",
                    "We have a portable generator and want to power the essential circuits.",
                    "The panel is in the {room} with clear access."
                });
        text(
                "electrical.lighting",
                new String[] {
                    "Install recessed lights in {room}",
                    "Replace ceiling fans and light fixtures",
                    "Install landscape and path lighting",
                    "Add under-cabinet lighting in kitchen",
                    "Install motion sensor security lights",
                    "Hang chandelier in two-storey foyer"
                },
                new String[] {
                    "We would like {count} LED recessed lights on a dimmer in the {room}.",
                    "The existing fixtures are builder grade and we supplied replacements.",
                    "Attic access above the {room} is good for running cable.",
                    "Exterior lights should run on a timer or photocell.",
                    "The ceiling is {ceiling} feet high, so a tall ladder or lift is needed.",
                    "Switches should be smart switches compatible with our hub."
                });
        text(
                "electrical.ev_chargers",
                new String[] {
                    "Install Level 2 EV charger in garage",
                    "Install Tesla wall connector",
                    "Run 50 amp circuit for EV charging",
                    "Install outdoor EV charger by driveway",
                    "Add second EV charger with load sharing",
                    "Move EV charger to other side of garage"
                },
                new String[] {
                    "The panel is on the opposite side of the garage, about {feet} feet away.",
                    "We already purchased a {charger} charger.",
                    "The charger should be mounted outside near the driveway in weatherproof conduit.",
                    "We may need a load management device since the panel is 100 amp.",
                    "Please handle the permit and the inspection.",
                    "We want to use the utility rebate for EV chargers."
                });
        text(
                "roofing.repair",
                new String[] {
                    "Roof leak above {room}",
                    "Replace missing shingles after storm",
                    "Repair flashing around chimney",
                    "Fix leaking skylight",
                    "Repair sagging roof deck section",
                    "Replace damaged roof vents and pipe boots"
                },
                new String[] {
                    "Water stains appeared on the {room} ceiling after the last heavy rain.",
                    "The wind blew off about a dozen shingles on the north slope.",
                    "Flashing around the chimney is rusted and the sealant has cracked.",
                    "The skylight leaks only in driving rain.",
                    "The roof is {roofing} and about {age} years old.",
                    "We need photos for our insurance claim."
                });
        text(
                "roofing.replacement",
                new String[] {
                    "Full roof replacement on {home}",
                    "Tear off and replace {roofing} roof",
                    "Replace flat roof with TPO membrane",
                    "Metal roof installation",
                    "Re-roof garage and porch",
                    "Replace roof and add ridge vent"
                },
                new String[] {
                    "The roof is about {squares} squares with a {pitch} pitch.",
                    "There are two layers of old shingles that need to be torn off.",
                    "We want architectural shingles in a dark colour with a 30-year warranty.",
                    "Some decking near the eaves is probably rotten.",
                    "Please include ice and water shield, new drip edge and ventilation.",
                    "The flat section over the addition has ponding water."
                });
        text(
                "roofing.gutters",
                new String[] {
                    "Install seamless gutters and downspouts",
                    "Clean gutters and install gutter guards",
                    "Repair sagging gutters on front of house",
                    "Replace gutters and fascia boards",
                    "Extend downspouts away from foundation",
                    "Install copper gutters"
                },
                new String[] {
                    "About {feet} linear feet of gutter on a {home}.",
                    "The gutters overflow at the corners and water pools near the foundation.",
                    "The fascia behind the gutters is soft and rotting in places.",
                    "We have tall oaks, so guards are a must.",
                    "The downspouts should drain at least ten feet from the house.",
                    "The colour should match the white trim."
                });
        text(
                "carpentry.framing",
                new String[] {
                    "Frame new wall to divide {room}",
                    "Remove load-bearing wall and install beam",
                    "Frame basement for finishing",
                    "Build closet in {room}",
                    "Repair rotted sill plate and joists",
                    "Frame dormer for attic conversion"
                },
                new String[] {
                    "We want to open the kitchen to the living room; the engineer's plan is ready.",
                    "The basement is about {sqft} square feet with concrete walls.",
                    "Some floor joists are sagging and need sistering.",
                    "The sill plate along the back wall has termite damage.",
                    "We need a doorway and a closet framed out.",
                    "Permit drawings are done and approved."
                });
        text(
                "carpentry.finish",
                new String[] {
                    "Install crown molding in {room}",
                    "Replace baseboards and door casings",
                    "Build built-in bookshelves",
                    "Install wainscoting in dining room",
                    "Hang new interior doors",
                    "Build window seat with storage"
                },
                new String[] {
                    "About {feet} linear feet of crown molding with inside and outside corners.",
                    "We want paint-grade poplar or MDF trim.",
                    "The built-ins should flank the fireplace with adjustable shelves.",
                    "Six pre-hung interior doors should replace the hollow-core ones.",
                    "The walls are plaster and not perfectly straight.",
                    "We will paint ourselves after installation."
                });
        text(
                "carpentry.decks",
                new String[] {
                    "Build new composite deck",
                    "Replace rotten deck boards and railings",
                    "Build covered front porch",
                    "Repair and refinish wooden deck",
                    "Build deck stairs and landing",
                    "Add pergola over patio"
                },
                new String[] {
                    "The deck is about {width} by {length} feet, {height} feet off the ground.",
                    "We prefer {decking} decking with aluminum railings.",
                    "Several joists are soft and the ledger board needs checking.",
                    "The existing deck needs power washing, sanding and stain.",
                    "We want a screened porch eventually, so please plan for that.",
                    "The backyard slopes, so the footings will vary in height."
                });
        text(
                "carpentry.cabinets",
                new String[] {
                    "Install kitchen cabinets",
                    "Reface kitchen cabinets",
                    "Build custom vanity for {room}",
                    "Install pantry shelving and pull-outs",
                    "Repair cabinet doors and hinges",
                    "Install garage storage cabinets"
                },
                new String[] {
                    "We ordered {count} cabinets that arrive flat-packed.",
                    "The boxes are solid but the doors are dated; we want shaker fronts.",
                    "Soft-close hinges and drawer slides throughout, please.",
                    "The countertop installer comes after the cabinets are set.",
                    "Walls and floors are out of level by about half an inch.",
                    "We are looking for solid wood construction, no particle board."
                });
        text(
                "painting.interior",
                new String[] {
                    "Paint interior of {home}",
                    "Paint {room} walls and ceiling",
                    "Paint kitchen cabinets",
                    "Paint stairwell and hallway",
                    "Repair drywall and repaint {room}",
                    "Paint trim, doors and baseboards"
                },
                new String[] {
                    "About {sqft} square feet of wall area, ceilings {ceiling} feet high.",
                    "We want {colour} on the walls and white semi-gloss on the trim.",
                    "There are some nail pops and hairline cracks to patch first.",
                    "Furniture will be moved to the middle of the rooms.",
                    "Low-VOC paint please; we have a newborn.",
                    "The stairwell ceiling is tall and needs scaffolding."
                });
        text(
                "painting.exterior",
                new String[] {
                    "Paint exterior of {home}",
                    "Stain cedar siding",
                    "Paint front door, shutters and trim",
                    "Scrape and repaint peeling exterior",
                    "Paint brick house",
                    "Stain fence and deck"
                },
                new String[] {
                    "The old paint is peeling badly on the south and west sides.",
                    "The house was built in {year}, so lead-safe practices are needed.",
                    "The siding is {siding} and the trim is wood.",
                    "About {feet} linear feet of fence to stain on both sides.",
                    "We want a colour consultation before choosing.",
                    "Some trim boards are rotten and need replacing before painting."
                });
        text(
                "hvac.installation",
                new String[] {
                    "Install central air conditioning",
                    "Replace furnace and AC with heat pump",
                    "Install ductless mini-split in {room}",
                    "Replace {age}-year-old gas furnace",
                    "Install new thermostat and zoning",
                    "Add heat pump for addition"
                },
                new String[] {
                    "The house is about {sqft} square feet on two floors.",
                    "The existing furnace is {age} years old and very loud.",
                    "We want a high-efficiency heat pump that qualifies for the tax credit.",
                    "The {room} never gets cool in summer.",
                    "Please include a Manual J load calculation.",
                    "The ductwork is in the attic and the crawlspace."
                });
        text(
                "hvac.repair",
                new String[] {
                    "AC not cooling",
                    "Furnace short cycling",
                    "Heat pump frozen over",
                    "Annual furnace and AC tune-up",
                    "AC leaking water in {room}",
                    "Furnace makes banging noise"
                },
                new String[] {
                    "The outdoor unit runs but the air from the vents is warm.",
                    "The furnace turns on and off every few minutes.",
                    "The condensate line seems clogged and the pan overflowed.",
                    "We smell something burning when the heat first comes on.",
                    "The system is a {age}-year-old {hvacbrand} unit.",
                    "We need service this week if possible."
                });
        text(
                "hvac.ductwork",
                new String[] {
                    "Replace old ductwork in attic",
                    "Seal and insulate ducts",
                    "Add return air vent in {room}",
                    "Duct cleaning for {home}",
                    "Reroute ducts for basement finish",
                    "Install bathroom exhaust fan ducted outside"
                },
                new String[] {
                    "Some rooms get hardly any airflow.",
                    "Flexible ducts in the attic are crushed and disconnected.",
                    "We want the ducts sealed with mastic and pressure tested.",
                    "Dust and debris come out of the registers.",
                    "The bathroom fan currently vents into the attic.",
                    "The basement ceiling will be drywalled, so ducts must sit tight to the joists."
                });
        text(
                "landscaping.lawn",
                new String[] {
                    "Weekly lawn mowing and edging",
                    "Aerate and overseed lawn",
                    "Install sod in backyard",
                    "Install sprinkler system",
                    "Fall leaf cleanup",
                    "Lawn fertilization program"
                },
                new String[] {
                    "The lawn is about {sqft} square feet front and back.",
                    "The grass is thin with bare patches from the dogs.",
                    "We want a drip zone for the flower beds as well.",
                    "The backyard drains poorly near the fence.",
                    "We are looking for a season-long contract from April to October.",
                    "Please haul away all leaves and debris."
                });
        text(
                "landscaping.hardscaping",
                new String[] {
                    "Build paver patio",
                    "Install retaining wall",
                    "Build stone walkway to front door",
                    "Install fire pit area",
                    "Replace concrete patio with pavers",
                    "Build outdoor kitchen"
                },
                new String[] {
                    "The patio should be about {width} by {length} feet.",
                    "The retaining wall is about {height} feet tall and {feet} feet long.",
                    "We like natural stone or tumbled pavers.",
                    "The slope needs proper drainage behind the wall.",
                    "We want seating walls around the fire pit.",
                    "A gas line for the grill would need to be run from the house."
                });
        text(
                "landscaping.trees",
                new String[] {
                    "Remove dead oak tree",
                    "Trim trees away from roof",
                    "Stump grinding",
                    "Remove tree after storm damage",
                    "Prune fruit trees",
                    "Plant privacy trees along fence"
                },
                new String[] {
                    "The tree is about {treeheight} feet tall and close to the house.",
                    "Branches are rubbing on the roof and the gutters.",
                    "We have {count} stumps to grind below grade.",
                    "A large limb fell in the storm and is leaning on the fence.",
                    "Please haul away all wood or leave it cut for firewood.",
                    "We want arborvitae or similar evergreens for privacy."
                });
        text(
                "general_contracting.remodeling",
                new String[] {
                    "Remodel {room}",
                    "Finish basement",
                    "Whole-house renovation of {home}",
                    "Convert garage into living space",
                    "Open up floor plan",
                    "Renovate rental unit between tenants"
                },
                new String[] {
                    "We want to finish about {sqft} square feet with a bedroom and a bathroom.",
                    "The project needs permits, drywall, flooring and electrical work.",
                    "We have design drawings and want a general contractor to manage the trades.",
                    "The timeline is flexible but we want a fixed price.",
                    "The house was built in {year} and has some outdated wiring.",
                    "We will live in the house during the work."
                });
        text(
                "general_contracting.additions",
                new String[] {
                    "Build second-storey addition",
                    "Build {addition} square foot room addition",
                    "Add sunroom to back of house",
                    "Build in-law suite",
                    "Add mudroom and half bath",
                    "Build detached garage with apartment"
                },
                new String[] {
                    "The architect's plans are done and the permit is submitted.",
                    "The addition needs a foundation, framing, roof and full finishes.",
                    "We want the new roof line to match the existing house.",
                    "Site access is from the side yard only.",
                    "The budget includes extending the HVAC and electrical.",
                    "We want a design-build firm that can handle everything."
                });
        text(
                "general_contracting.kitchens",
                new String[] {
                    "Full kitchen remodel",
                    "Kitchen remodel with island",
                    "Replace countertops and backsplash",
                    "Update kitchen layout and appliances",
                    "Small galley kitchen renovation",
                    "Kitchen remodel in {home}"
                },
                new String[] {
                    "The kitchen is about {width} by {length} feet.",
                    "We want quartz countertops, a tile backsplash and new cabinets.",
                    "We would like to move the sink to the island.",
                    "The appliances are already purchased.",
                    "The old soffits above the cabinets should come out.",
                    "The flooring should continue into the dining area."
                });
        text(
                "general_contracting.bathrooms",
                new String[] {
                    "Remodel master bathroom",
                    "Convert tub to walk-in shower",
                    "Guest bathroom refresh",
                    "Accessible bathroom remodel",
                    "Add bathroom in basement",
                    "Replace shower tile and fix leak"
                },
                new String[] {
                    "The bathroom is about {width} by {length} feet.",
                    "We want a curbless shower with grab bars.",
                    "The tile around the tub is cracked and water got behind it.",
                    "A new vanity, toilet and fan, plus a heated floor if possible.",
                    "There is a soft spot in the floor near the toilet.",
                    "The rough-in plumbing for the basement bath is already there."
                });
        text(
                "flooring.hardwood",
                new String[] {
                    "Refinish hardwood floors",
                    "Install hardwood flooring in {room}",
                    "Repair water-damaged hardwood",
                    "Sand and stain oak floors",
                    "Install engineered hardwood throughout",
                    "Replace stair carpet with hardwood treads"
                },
                new String[] {
                    "About {sqft} square feet of red oak under the carpet.",
                    "Boards near the dishwasher are cupped from a leak.",
                    "We want a darker stain and a matte finish.",
                    "The stairs have {count} steps with a landing.",
                    "The subfloor may need levelling in the {room}.",
                    "We will be out of the house during refinishing."
                });
        text(
                "flooring.tile",
                new String[] {
                    "Tile bathroom floor",
                    "Install kitchen backsplash",
                    "Replace cracked floor tiles",
                    "Tile shower walls",
                    "Install heated tile floor",
                    "Install porcelain tile in entryway"
                },
                new String[] {
                    "The area is about {tilearea} square feet.",
                    "We picked large-format porcelain tiles.",
                    "Some tiles sound hollow when tapped.",
                    "The shower needs a new waterproof membrane.",
                    "We want radiant heat under the tile.",
                    "The grout should be epoxy or sealed."
                });
        text(
                "masonry.concrete",
                new String[] {
                    "Replace cracked concrete driveway",
                    "Pour concrete patio",
                    "Repair foundation cracks",
                    "Level sunken sidewalk",
                    "Pour slab for shed",
                    "Resurface concrete steps"
                },
                new String[] {
                    "The driveway is about {width} by {length} feet.",
                    "There are cracks and heaving from tree roots.",
                    "We see a horizontal crack in the basement wall.",
                    "The sidewalk slabs are a trip hazard.",
                    "The shed slab should be {height} by {width} feet.",
                    "A stamped or broom finish is fine."
                });
        text(
                "masonry.brick_stone",
                new String[] {
                    "Repoint brick chimney",
                    "Rebuild brick steps",
                    "Add stone veneer to front of house",
                    "Repair crumbling brick wall",
                    "Rebuild chimney crown",
                    "Install stone fireplace surround"
                },
                new String[] {
                    "Mortar joints are crumbling and bricks are loose near the top.",
                    "The chimney crown is cracked and water gets in.",
                    "We want thin stone veneer on the lower half of the front.",
                    "The front steps are brick and several are loose.",
                    "The garden wall is about {feet} feet long.",
                    "Matching the old brick colour is important."
                });
    }

    static final String[] GENERAL = {
        "The house is a {home} built in {year}.",
        "Please include materials, permits and clean-up in your quote.",
        "We are flexible on timing but would like it done within {weeks} weeks.",
        "Access is easy: driveway parking and a side gate.",
        "We have two dogs that will be kept inside during the work.",
        "Photos are available on request, and we are happy to walk you through the site.",
        "We are looking for a licensed and insured contractor with references.",
        "Weekday work only please, between 8am and 5pm.",
        "The work should not start before {month}.",
        "A previous contractor left the job unfinished; we need someone reliable to complete it.",
        "The budget is firm; itemised quotes are preferred.",
        "Street parking only; the driveway is shared with the neighbours.",
    };

    static final String[] PROPOSALS = {
        "We can start {start} and finish in about {days} days.",
        "Our price includes all materials, permits and haul-away of debris.",
        "{business} has done {count} similar projects in {city} in the last two years.",
        "We will protect floors and furniture and clean up every day.",
        "The quote assumes no hidden damage; anything unexpected is priced before we do it.",
        "All work carries a {warranty}-year workmanship warranty.",
        "We are licensed in {state} and fully insured; certificates on request.",
        "A crew of {crew} will be on site; the owner visits daily.",
        "We can schedule a site visit this week to confirm measurements.",
        "Payment only through the platform's escrow, released when you approve the work.",
    };

    static final String[] ROOMS = {
        "kitchen",
        "master bathroom",
        "guest bathroom",
        "basement",
        "laundry room",
        "garage",
        "living room",
        "attic",
        "hallway",
        "bedroom",
        "dining room",
        "home office"
    };
    static final String[] HOMES = {
        "two-storey colonial",
        "ranch house",
        "1950s bungalow",
        "townhouse",
        "split-level home",
        "craftsman house",
        "condo",
        "cape cod",
        "victorian",
        "mid-century modern house"
    };
    static final String[] FIRST_NAMES = {
        "James",
        "Mary",
        "Robert",
        "Patricia",
        "John",
        "Jennifer",
        "Michael",
        "Linda",
        "David",
        "Elizabeth",
        "William",
        "Barbara",
        "Richard",
        "Susan",
        "Joseph",
        "Jessica",
        "Thomas",
        "Sarah",
        "Carlos",
        "Karen",
        "Daniel",
        "Lisa",
        "Matthew",
        "Nancy",
        "Anthony",
        "Sandra",
        "Mark",
        "Ashley",
        "Wei",
        "Priya",
        "Luis",
        "Emily",
        "Andrew",
        "Maria",
        "Joshua",
        "Michelle",
        "Kevin",
        "Amanda",
        "Brian",
        "Aisha",
        "Jose",
        "Melissa",
        "Ryan",
        "Stephanie",
        "Hiro",
        "Rebecca",
        "Jacob",
        "Laura",
        "Omar",
        "Nicole"
    };
    static final String[] LAST_NAMES = {
        "Smith",
        "Johnson",
        "Williams",
        "Brown",
        "Jones",
        "Garcia",
        "Miller",
        "Davis",
        "Rodriguez",
        "Martinez",
        "Hernandez",
        "Lopez",
        "Gonzalez",
        "Wilson",
        "Anderson",
        "Thomas",
        "Taylor",
        "Moore",
        "Jackson",
        "Martin",
        "Lee",
        "Perez",
        "Thompson",
        "White",
        "Harris",
        "Sanchez",
        "Clark",
        "Ramirez",
        "Lewis",
        "Robinson",
        "Walker",
        "Young",
        "Allen",
        "King",
        "Wright",
        "Scott",
        "Torres",
        "Nguyen",
        "Hill",
        "Flores",
        "Green",
        "Adams",
        "Nelson",
        "Baker",
        "Hall",
        "Rivera",
        "Campbell",
        "Mitchell",
        "Carter",
        "Roberts",
        "Kim",
        "Patel",
        "Chen",
        "Okafor",
        "Schmidt"
    };
    static final String[] STREETS = {
        "Oak",
        "Maple",
        "Cedar",
        "Pine",
        "Elm",
        "Washington",
        "Lake",
        "Hill",
        "Park",
        "Main",
        "Church",
        "Walnut",
        "Highland",
        "Sunset",
        "Lincoln",
        "Jefferson",
        "Ridge",
        "Meadow",
        "River",
        "Spring",
        "Forest",
        "Chestnut",
        "Willow",
        "Franklin",
        "Madison",
        "Cherry",
        "Birch",
        "Mill",
        "Valley",
        "Dogwood"
    };
    static final String[] STREET_KINDS = {"St", "Ave", "Rd", "Dr", "Ln", "Ct", "Blvd", "Way", "Pl", "Ter"};
    static final String[] BUSINESS_SUFFIXES = {
        "LLC", "& Sons", "Services", "Co.", "Pros", "Inc.", "Contracting", "Solutions", "Brothers", "Group"
    };
    static final String[] INSURERS = {
        "State Farm",
        "The Hartford",
        "Travelers",
        "Liberty Mutual",
        "Nationwide",
        "Next Insurance",
        "Hiscox",
        "Progressive Commercial",
        "Chubb",
        "Erie Insurance"
    };
    static final String[] TRADE_WORDS = {
        "Plumbing",
        "Electric",
        "Roofing",
        "Carpentry",
        "Painting",
        "Heating & Air",
        "Landscaping",
        "Builders",
        "Flooring",
        "Masonry"
    };

    private final String ownerUrl;
    private final String appRole;
    private final long seed;
    private final Instant now;
    private final int homeownerCount;
    private final int contractorCount;
    private final int adminCount = 3;
    private final int jobCount;
    private final int bidTarget;
    private final double[] cityCumulative;
    /** -Dindexes=keep loads into the tables with every index and key in place; the default drops and re-creates them. */
    private final boolean rebuildIndexes = "rebuild".equals(System.getProperty("indexes", "rebuild"));

    // Generated state, indexed by position.
    private UUID[] homeownerIds;
    private int[] homeownerCity;
    private double[] homeownerLat;
    private double[] homeownerLng;
    private String[] homeownerAddress;
    private String[] homeownerPostcode;
    private boolean[] homeownerVerified;
    private Instant[] homeownerCreated;
    private UUID[] contractorIds;
    private Contractor[] contractors;
    private UUID[] adminIds;
    /** Contractors per city, those offering a trade group first in {@link #cityGroupContractors}. */
    private int[][] cityContractors;

    private int[][][] cityGroupContractors;
    private Job[] jobs;

    private final Map<String, Long> timings = new LinkedHashMap<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();

    static final class Job {
        int index;
        UUID id;
        int homeowner;
        int city;
        String trade;
        int group;
        String title;
        String status;
        Instant createdAt;
        Instant publishedAt;
        Instant deadline;
        Instant awardedAt;
        Instant closedAt;
        Long budgetMin;
        Long budgetMax;
        int bidCount;
    }

    /** A contractor's profile, drawn once from the contractor's own random stream. */
    record Contractor(
            int city,
            int[] groups,
            Set<String> trades,
            double latitude,
            double longitude,
            String business,
            int radiusKm,
            String licence,
            LocalDate licenceExpires,
            String insurer,
            LocalDate insuranceExpires,
            String bio,
            int years,
            String verification,
            int verifier,
            boolean payouts,
            Instant signedUp,
            Instant profileCreated,
            Instant verifiedAt) {}

    record BidRow(
            UUID id,
            UUID contractor,
            long amount,
            String proposal,
            Integer duration,
            LocalDate earliestStart,
            String status,
            int revision,
            Instant submittedAt,
            Instant decidedAt,
            Instant withdrawnAt,
            Instant updatedAt,
            long originalAmount,
            String originalProposal,
            Integer originalDuration) {}

    DataGenerator(String ownerUrl, String appRole, double scale, long seed, Instant now) {
        this.ownerUrl = ownerUrl;
        this.appRole = appRole;
        this.seed = seed;
        this.now = now;
        this.homeownerCount = Math.max(10, (int) Math.round(40_000 * scale));
        this.contractorCount = Math.max(10, (int) Math.round(10_000 * scale));
        this.jobCount = Math.max(10, (int) Math.round(100_000 * scale));
        this.bidTarget = (int) Math.round(1_000_000 * scale);
        this.cityCumulative = new double[CITIES.size()];
        double total = 0;
        for (int i = 0; i < CITIES.size(); i++) {
            total += CITIES.get(i).weight();
            cityCumulative[i] = total;
        }
        for (int i = 0; i < CITIES.size(); i++) {
            cityCumulative[i] /= total;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: DataGenerator postgresql://owner[:password]@host:port/db runtime_role"
                    + " [scale=1] [seed=42] [now=ISO instant, default the current hour]");
            System.exit(2);
        }
        double scale = args.length > 2 ? Double.parseDouble(args[2]) : 1.0;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42L;
        Instant now = args.length > 4 && !args[4].isBlank()
                ? Instant.parse(args[4])
                : Instant.now().truncatedTo(ChronoUnit.HOURS);
        new DataGenerator(args[0], args[1], scale, seed, now).run();
    }

    void run() throws Exception {
        JdbcEndpoint owner = DatabaseUrl.parse(ownerUrl);
        System.out.printf(
                Locale.ROOT,
                "data generator: %s, runtime role %s, seed %d, now %s, indexes %s; %,d homeowners, %,d contractors,"
                        + " %,d jobs, %,d bids%n",
                owner,
                appRole,
                seed,
                now,
                rebuildIndexes ? "dropped during the load and re-created" : "kept during the load",
                homeownerCount,
                contractorCount,
                jobCount,
                bidTarget);
        long start = System.nanoTime();

        long t = System.nanoTime();
        Flyway.configure()
                .dataSource(owner.jdbcUrl(), owner.username(), owner.password())
                .locations("classpath:db/migration")
                .placeholders(Map.of("app_role", appRole))
                .validateMigrationNaming(true)
                .load()
                .migrate();
        timings.put("flyway migrate", System.nanoTime() - t);

        t = System.nanoTime();
        String passwordHash = new PasswordHasher(Argon2Settings.DEFAULTS).hash(PASSWORD);
        timings.put("password hash (once)", System.nanoTime() - t);

        t = System.nanoTime();
        generatePeople();
        generateJobs();
        timings.put("generate users and jobs in memory", System.nanoTime() - t);

        try (Connection connection = DriverManager.getConnection(owner.jdbcUrl(), owner.username(), owner.password())) {
            try (Statement statement = connection.createStatement()) {
                var rows = statement.executeQuery("SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM jobs)");
                rows.next();
                if (rows.getLong(1) > 0) {
                    throw new IllegalStateException("The target already holds users or jobs: point the generator at an"
                            + " empty database (benchmarks/generate-data.sh re-creates its own)");
                }
                statement.execute("SET synchronous_commit = off");
                statement.execute("SET maintenance_work_mem = '256MB'");
            }
            connection.setAutoCommit(false);
            CopyLoader loader = new CopyLoader(connection, rebuildIndexes);
            copy(loader, "users", out -> writeUsers(out, passwordHash));
            copy(loader, "homeowner_profiles", this::writeHomeownerProfiles);
            copy(loader, "contractor_profiles", this::writeContractorProfiles);
            copy(loader, "jobs", this::writeJobs);
            List<UUID[]> accepted = new ArrayList<>();
            copy(loader, "bids", out -> writeBids(out, accepted));
            copy(loader, "bid_revisions", this::writeRevisions);
            copy(loader, "bid_contracts", out -> writeContracts(out, accepted));
            copy(loader, "due_timers", this::writeTimers);
            connection.setAutoCommit(true);
            t = System.nanoTime();
            try (Statement statement = connection.createStatement()) {
                for (String table : List.of(
                        "users",
                        "homeowner_profiles",
                        "contractor_profiles",
                        "jobs",
                        "bids",
                        "bid_revisions",
                        "bid_contracts",
                        "due_timers")) {
                    statement.execute("VACUUM (ANALYZE) " + table);
                }
            }
            timings.put("VACUUM (ANALYZE)", System.nanoTime() - t);
            try (Statement statement = connection.createStatement()) {
                var rows = statement.executeQuery(
                        "SELECT status, count(*) FROM jobs GROUP BY status ORDER BY count(*) DESC");
                StringBuilder summary = new StringBuilder("jobs by status:");
                while (rows.next()) {
                    summary.append(' ').append(rows.getString(1)).append('=').append(rows.getLong(2));
                }
                System.out.println(summary);
                rows = statement.executeQuery(
                        "SELECT status, count(*) FROM bids GROUP BY status ORDER BY count(*) DESC");
                summary = new StringBuilder("bids by status:");
                while (rows.next()) {
                    summary.append(' ').append(rows.getString(1)).append('=').append(rows.getLong(2));
                }
                System.out.println(summary);
                rows = statement.executeQuery("SELECT pg_size_pretty(pg_database_size(current_database()))");
                rows.next();
                System.out.println("database size: " + rows.getString(1));
            }
        }
        long total = System.nanoTime() - start;
        timings.forEach((step, nanos) ->
                System.out.printf(Locale.ROOT, "  %-36s %9.1f s%s%n", step, nanos / 1e9, rowsNote(step)));
        System.out.printf(Locale.ROOT, "total %.1f s%n", total / 1e9);
    }

    private String rowsNote(String step) {
        Long rows = counts.get(step.replace("COPY ", ""));
        return rows == null ? "" : String.format(Locale.ROOT, "  %,d rows", rows);
    }

    interface RowWriter {
        void write(CopyOut out) throws SQLException;
    }

    private void copy(CopyLoader loader, String table, RowWriter writer) throws SQLException {
        long t = System.nanoTime();
        long rows = loader.copy(table, COLUMNS.get(table), writer);
        timings.put("COPY " + table, System.nanoTime() - t);
        counts.put(table, rows);
    }

    static final Map<String, String> COLUMNS = Map.of(
            "users",
            "id, email, password_hash, display_name, phone, phone_verified_at, role, status, email_verified_at,"
                    + " created_at, updated_at",
            "homeowner_profiles",
            "user_id, address_line, postcode, latitude, longitude, created_at, updated_at",
            "contractor_profiles",
            "user_id, business_name, trades, service_latitude, service_longitude, service_radius_km, licence_number,"
                    + " licence_region, licence_expires_on, insurance_provider, insurance_expires_on, bio,"
                    + " years_experience, verification_status, verification_note, verified_at, verified_by,"
                    + " payout_account_id, payouts_enabled_at, created_at, updated_at",
            "jobs",
            "id, homeowner_id, title, description, trade, latitude, longitude, address_text, postcode,"
                    + " budget_min_minor, budget_max_minor, currency, bidding_deadline, desired_start_date, status,"
                    + " published_at, awarded_at, closed_at, created_at, updated_at",
            "bids",
            "id, job_id, contractor_id, amount_minor, currency, proposal, estimated_duration_days, earliest_start,"
                    + " fee_rate_bps, status, revision, submitted_at, decided_at, withdrawn_at, created_at, updated_at",
            "bid_revisions",
            "bid_id, revision, amount_minor, currency, proposal, estimated_duration_days, earliest_start,"
                    + " fee_rate_bps, created_at",
            "bid_contracts",
            "id, job_id, bid_id, homeowner_id, contractor_id, amount_minor, currency, fee_rate_bps, scope_text,"
                    + " job_title, estimated_duration_days, status, transfer_group, accepted_at, created_at,"
                    + " updated_at",
            "due_timers",
            "kind, subject_id, due_at, status, created_at, updated_at");

    // ---------------------------------------------------------------- people

    private void generatePeople() {
        SplittableRandom random = new SplittableRandom(seed);
        homeownerIds = new UUID[homeownerCount];
        homeownerCity = new int[homeownerCount];
        homeownerLat = new double[homeownerCount];
        homeownerLng = new double[homeownerCount];
        homeownerAddress = new String[homeownerCount];
        homeownerPostcode = new String[homeownerCount];
        homeownerVerified = new boolean[homeownerCount];
        homeownerCreated = new Instant[homeownerCount];
        for (int i = 0; i < homeownerCount; i++) {
            homeownerIds[i] = uuid(random);
            int city = pickCity(random);
            homeownerCity[i] = city;
            double[] point = scatter(random, CITIES.get(city));
            homeownerLat[i] = point[0];
            homeownerLng[i] = point[1];
            homeownerAddress[i] = address(random, CITIES.get(city));
            homeownerPostcode[i] = CITIES.get(city).zip3() + String.format(Locale.ROOT, "%02d", random.nextInt(100));
            homeownerVerified[i] = random.nextDouble() < 0.95;
            homeownerCreated[i] = now.minus(Duration.ofMinutes(random.nextLong(150L * 1440, 900L * 1440)));
        }
        contractorIds = new UUID[contractorCount];
        contractors = new Contractor[contractorCount];
        for (int i = 0; i < contractorCount; i++) {
            contractorIds[i] = uuid(random);
            contractors[i] = contractor(i);
        }
        adminIds = new UUID[adminCount];
        for (int i = 0; i < adminCount; i++) {
            adminIds[i] = uuid(random);
        }
    }

    private Contractor contractor(int index) {
        SplittableRandom random = new SplittableRandom(mix(seed, 1_000_000_000L + index));
        int cityIndex = pickCity(random);
        City city = CITIES.get(cityIndex);
        int[] groups = new int[2];
        Set<String> trades = contractorTrades(random, groups);
        double[] centre = scatter(random, city);
        String business = LAST_NAMES[random.nextInt(LAST_NAMES.length)] + " " + TRADE_WORDS[groups[0]] + " "
                + BUSINESS_SUFFIXES[random.nextInt(BUSINESS_SUFFIXES.length)];
        int[] radii = {15, 20, 25, 30, 40, 50, 50, 60, 75, 100};
        int radius = radii[random.nextInt(radii.length)];
        String licence = city.state() + "-"
                + GROUPS.get(groups[0]).code().substring(0, 3).toUpperCase(Locale.ROOT) + "-"
                + String.format(Locale.ROOT, "%07d", index);
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        LocalDate licenceExpires = today.plusDays(60 + random.nextInt(900));
        String insurer = INSURERS[random.nextInt(INSURERS.length)];
        LocalDate insuranceExpires = today.plusDays(30 + random.nextInt(400));
        int years = 1 + random.nextInt(40);
        String bio = random.nextDouble() < 0.7
                ? "Family-run " + TRADE_WORDS[groups[0]].toLowerCase(Locale.ROOT) + " business serving " + city.name()
                        + " for " + years + " years. Licensed, insured, and proud of our reviews."
                : null;
        double v = random.nextDouble();
        String verification = v < 0.6 ? "VERIFIED" : v < 0.7 ? "PENDING" : v < 0.95 ? "UNVERIFIED" : "REJECTED";
        Instant signedUp = now.minus(Duration.ofMinutes(random.nextLong(150L * 1440, 1500L * 1440)));
        Instant profileCreated = signedUp.plus(Duration.ofMinutes(10 + random.nextInt(2 * 1440)));
        Instant verifiedAt = verification.equals("VERIFIED") ? profileCreated.plus(Duration.ofDays(2)) : null;
        return new Contractor(
                cityIndex,
                groups,
                trades,
                centre[0],
                centre[1],
                business,
                radius,
                licence,
                licenceExpires,
                insurer,
                insuranceExpires,
                bio,
                years,
                verification,
                random.nextInt(adminCount),
                random.nextDouble() < 0.7,
                signedUp,
                profileCreated,
                verifiedAt);
    }

    /** 1-2 trade groups; in each, the top-level code and/or 1-3 sub-trades. */
    private static Set<String> contractorTrades(SplittableRandom random, int[] groupsOut) {
        Set<String> trades = new LinkedHashSet<>();
        int groups = random.nextDouble() < 0.6 ? 1 : 2;
        for (int g = 0; g < groups; g++) {
            int group = pickGroup(random);
            groupsOut[g] = group;
            String top = GROUPS.get(group).code();
            if (random.nextDouble() < 0.5) {
                trades.add(top);
            }
            List<String> subs = subTrades(top);
            int wanted = 1 + random.nextInt(Math.min(3, subs.size()));
            for (int s = 0; s < wanted; s++) {
                trades.add(subs.get(random.nextInt(subs.size())));
            }
        }
        if (groups == 1) {
            groupsOut[1] = -1;
        }
        return trades;
    }

    private void indexContractors() {
        List<List<Integer>> byCity = new ArrayList<>();
        List<List<List<Integer>>> byCityGroup = new ArrayList<>();
        for (int c = 0; c < CITIES.size(); c++) {
            byCity.add(new ArrayList<>());
            List<List<Integer>> groups = new ArrayList<>();
            for (int g = 0; g < GROUPS.size(); g++) {
                groups.add(new ArrayList<>());
            }
            byCityGroup.add(groups);
        }
        for (int i = 0; i < contractorCount; i++) {
            int city = contractors[i].city();
            int[] groups = contractors[i].groups();
            byCity.get(city).add(i);
            byCityGroup.get(city).get(groups[0]).add(i);
            if (groups[1] >= 0 && groups[1] != groups[0]) {
                byCityGroup.get(city).get(groups[1]).add(i);
            }
        }
        cityContractors = new int[CITIES.size()][];
        cityGroupContractors = new int[CITIES.size()][GROUPS.size()][];
        for (int c = 0; c < CITIES.size(); c++) {
            cityContractors[c] =
                    byCity.get(c).stream().mapToInt(Integer::intValue).toArray();
            for (int g = 0; g < GROUPS.size(); g++) {
                cityGroupContractors[c][g] = byCityGroup.get(c).get(g).stream()
                        .mapToInt(Integer::intValue)
                        .toArray();
            }
        }
    }

    // ---------------------------------------------------------------- jobs

    private void generateJobs() {
        indexContractors();
        SplittableRandom random = new SplittableRandom(mix(seed, 7));
        int[] verified = java.util.stream.IntStream.range(0, homeownerCount)
                .filter(i -> homeownerVerified[i])
                .toArray();
        jobs = new Job[jobCount];
        for (int i = 0; i < jobCount; i++) {
            Job job = new Job();
            job.index = i;
            job.id = uuid(random);
            // Landlords (the first 5% of homeowners) post a fifth of the jobs; everyone else one to three.
            job.homeowner = random.nextDouble() < 0.2
                    ? verified[random.nextInt(Math.max(1, verified.length / 20))]
                    : verified[random.nextInt(verified.length)];
            job.city = homeownerCity[job.homeowner];
            job.group = pickGroup(random);
            String top = GROUPS.get(job.group).code();
            List<String> subs = subTrades(top);
            job.trade = random.nextDouble() < 0.85 ? subs.get(random.nextInt(subs.size())) : top;
            double p = random.nextDouble();
            job.status =
                    p < 0.85 ? "OPEN" : p < 0.88 ? "DRAFT" : p < 0.92 ? "AWARDED" : p < 0.95 ? "CANCELLED" : "EXPIRED";
            setTimes(job, random);
            if (random.nextDouble() < 0.9) {
                TradeGroup group = GROUPS.get(job.group);
                double centre = Math.exp(Math.log(group.minUsd())
                        + random.nextDouble() * (Math.log(group.maxUsd()) - Math.log(group.minUsd())));
                long max = roundTo(centre * 1.3, 50) * 100;
                job.budgetMax = max;
                if (random.nextDouble() < 0.85) {
                    job.budgetMin = Math.max(50_00L, Math.min(max, roundTo(centre * 0.7, 50) * 100));
                }
            }
            jobs[i] = job;
        }
        assignBidCounts(random);
    }

    private void setTimes(Job job, SplittableRandom random) {
        switch (job.status) {
            case "DRAFT" -> job.createdAt = now.minus(minutes(random, 10, 20 * 1440));
            case "OPEN" -> {
                job.publishedAt = now.minus(minutes(random, 30, 25 * 1440));
                long earliest = Math.max(1440, minutesBetween(job.publishedAt, now) + 24 * 60);
                job.deadline = job.publishedAt.plus(Duration.ofMinutes(random.nextLong(earliest, 30L * 1440 + 1)));
            }
            case "AWARDED" -> {
                // Accepted in the last six days, so the seven-day funding window is still running.
                job.awardedAt = now.minus(minutes(random, 30, 6 * 1440));
                // Accepted at most 13 days after the deadline: inside the 14-day acceptance window.
                job.publishedAt = job.awardedAt.minus(minutes(random, 12 * 60, 14 * 1440));
                job.deadline = job.publishedAt.plus(minutes(random, 1440, 30 * 1440));
            }
            case "CANCELLED" -> {
                job.publishedAt = now.minus(minutes(random, 3 * 1440, 90 * 1440));
                job.deadline = job.publishedAt.plus(minutes(random, 1440, 30 * 1440));
                Instant latest = job.deadline.isBefore(now) ? job.deadline : now;
                job.closedAt = job.publishedAt.plus(
                        Duration.ofMinutes(random.nextLong(1, Math.max(2, minutesBetween(job.publishedAt, latest)))));
            }
            case "EXPIRED" -> {
                job.publishedAt = now.minus(minutes(random, 50 * 1440, 120 * 1440));
                job.deadline = job.publishedAt.plus(minutes(random, 1440, 30 * 1440));
                job.closedAt = job.deadline.plus(ACCEPTANCE_WINDOW);
            }
            default -> throw new IllegalStateException(job.status);
        }
        if (job.publishedAt != null) {
            job.createdAt = job.publishedAt.minus(minutes(random, 5, 3 * 1440));
        }
        Instant owned = homeownerCreated[job.homeowner];
        if (job.createdAt.isBefore(owned)) {
            throw new IllegalStateException("job before its homeowner");
        }
    }

    /** Skewed bid counts (lognormal), scaled to the exact target, capped by the contractors of the job's city. */
    private void assignBidCounts(SplittableRandom random) {
        double[] weights = new double[jobCount];
        double sum = 0;
        for (Job job : jobs) {
            if (!job.status.equals("DRAFT")) {
                weights[job.index] = Math.exp(0.7 * random.nextGaussian());
                sum += weights[job.index];
            }
        }
        long assigned = 0;
        for (Job job : jobs) {
            int cap = Math.min(60, cityContractors[job.city].length);
            int count = (int) Math.floor(weights[job.index] * bidTarget / sum);
            if (job.status.equals("AWARDED")) {
                count = Math.max(1, count);
            }
            job.bidCount = Math.min(cap, count);
            if (job.status.equals("AWARDED") && job.bidCount == 0) {
                // Nobody in the area could have bid (only at tiny scales): the job stays open instead.
                job.status = "OPEN";
                job.awardedAt = null;
                setTimes(job, random);
            }
            assigned += job.bidCount;
        }
        int guard = 0;
        while (assigned < bidTarget && guard++ < 50 * jobCount) {
            Job job = jobs[random.nextInt(jobCount)];
            if (!job.status.equals("DRAFT") && job.bidCount < Math.min(60, cityContractors[job.city].length)) {
                job.bidCount++;
                assigned++;
            }
        }
    }

    // ---------------------------------------------------------------- bids

    /** The bids of one job, from the job's own random stream: the same rows every time it is called. */
    private List<BidRow> bidsOf(Job job) {
        List<BidRow> rows = new ArrayList<>(job.bidCount);
        if (job.bidCount == 0) {
            return rows;
        }
        SplittableRandom random = new SplittableRandom(mix(seed, 2_000_000_000L + job.index));
        int[] bidders = pickBidders(random, job);
        Instant bidsClose = switch (job.status) {
            case "OPEN" -> now;
            case "AWARDED" -> job.awardedAt;
            case "CANCELLED" -> job.closedAt;
            case "EXPIRED" -> job.deadline;
            default -> throw new IllegalStateException(job.status);
        };
        if (bidsClose.isAfter(job.deadline)) {
            bidsClose = job.deadline;
        }
        long window = Math.max(2, minutesBetween(job.publishedAt, bidsClose) - 1);
        int accepted = job.status.equals("AWARDED") ? random.nextInt(bidders.length) : -1;
        TradeGroup group = GROUPS.get(job.group);
        for (int b = 0; b < bidders.length; b++) {
            int contractor = bidders[b];
            UUID id = uuid(random);
            Instant submitted = job.publishedAt.plus(Duration.ofMinutes(1 + random.nextLong(window)));
            long amount = amount(random, job, group);
            String proposal = proposal(random, contractor, job);
            Integer duration = durationDays(random, job.group); // required, as the API requires it (V17)
            LocalDate earliest = random.nextDouble() < 0.5
                    ? LocalDate.ofInstant(submitted, ZoneOffset.UTC).plusDays(1 + random.nextInt(30))
                    : null;
            String status;
            Instant decided = null;
            Instant withdrawn = null;
            boolean mayWithdraw = b != accepted && random.nextDouble() < 0.05;
            if (mayWithdraw) {
                status = "WITHDRAWN";
                withdrawn = submitted.plus(
                        Duration.ofMinutes(1 + random.nextLong(Math.max(1, minutesBetween(submitted, bidsClose)))));
            } else {
                switch (job.status) {
                    case "OPEN" -> status = "SUBMITTED";
                    case "AWARDED" -> {
                        status = b == accepted ? "ACCEPTED" : "REJECTED";
                        decided = job.awardedAt;
                    }
                    default -> {
                        status = "REJECTED";
                        decided = job.closedAt;
                    }
                }
            }
            // A few bidders on open jobs revised their terms once: the bid shows revision 2.
            int revision = 1;
            long revisedAmount = amount;
            String revisedProposal = proposal;
            Instant updated = submitted;
            if (status.equals("SUBMITTED") && random.nextDouble() < 0.03) {
                revision = 2;
                revisedAmount = Math.max(100, amount - roundTo(amount * 0.05 / 100.0, 1) * 100);
                revisedProposal = proposal + " Revised: we found a cheaper supplier for the materials.";
                updated = submitted.plus(
                        Duration.ofMinutes(1 + random.nextLong(Math.max(1, minutesBetween(submitted, bidsClose)))));
            }
            if (decided != null) {
                updated = decided;
            }
            if (withdrawn != null) {
                updated = withdrawn;
            }
            rows.add(new BidRow(
                    id,
                    contractorIds[contractor],
                    revisedAmount,
                    revisedProposal,
                    duration,
                    earliest,
                    status,
                    revision,
                    submitted,
                    decided,
                    withdrawn,
                    updated,
                    amount,
                    proposal,
                    duration));
        }
        return rows;
    }

    /** Distinct contractors of the job's city, those offering its trade group first. */
    private int[] pickBidders(SplittableRandom random, Job job) {
        int[] matching = cityGroupContractors[job.city][job.group];
        int[] all = cityContractors[job.city];
        int wanted = Math.min(job.bidCount, all.length);
        Set<Integer> chosen = new LinkedHashSet<>();
        int fromMatching = Math.min(wanted, (int) Math.ceil(matching.length * 0.8));
        int[] pool = matching.clone();
        for (int i = 0; i < fromMatching; i++) {
            int j = i + random.nextInt(pool.length - i);
            int swap = pool[i];
            pool[i] = pool[j];
            pool[j] = swap;
            chosen.add(pool[i]);
        }
        if (chosen.size() < wanted) {
            int[] rest = all.clone();
            for (int i = 0; i < rest.length && chosen.size() < wanted; i++) {
                int j = i + random.nextInt(rest.length - i);
                int swap = rest[i];
                rest[i] = rest[j];
                rest[j] = swap;
                chosen.add(rest[i]);
            }
        }
        return chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    private static long amount(SplittableRandom random, Job job, TradeGroup group) {
        double low;
        double high;
        if (job.budgetMax != null) {
            high = job.budgetMax * 1.15;
            low = (job.budgetMin != null ? job.budgetMin : job.budgetMax * 0.5) * 0.85;
        } else {
            low = group.minUsd() * 100.0;
            high = group.maxUsd() * 100.0 * 0.4;
        }
        double value = low + random.nextDouble() * (high - low);
        return Math.max(100, Math.min(10_000_000_000L, roundTo(value / 100.0, 5) * 100));
    }

    private static int durationDays(SplittableRandom random, int group) {
        return switch (GROUPS.get(group).code()) {
            case "general_contracting" -> 10 + random.nextInt(110);
            case "roofing", "masonry", "carpentry" -> 1 + random.nextInt(20);
            default -> 1 + random.nextInt(10);
        };
    }

    // ---------------------------------------------------------------- writers

    private void writeUsers(CopyOut out, String hash) throws SQLException {
        SplittableRandom random = new SplittableRandom(mix(seed, 3));
        for (int i = 0; i < homeownerCount; i++) {
            user(
                    out,
                    random,
                    homeownerIds[i],
                    "homeowner" + i,
                    "HOMEOWNER",
                    homeownerVerified[i],
                    homeownerCreated[i],
                    hash);
        }
        for (int i = 0; i < contractorCount; i++) {
            user(out, random, contractorIds[i], "contractor" + i, "CONTRACTOR", true, contractors[i].signedUp(), hash);
        }
        for (int i = 0; i < adminCount; i++) {
            user(out, random, adminIds[i], "admin" + i, "ADMIN", true, now.minus(Duration.ofDays(1000)), hash);
        }
    }

    private void user(
            CopyOut out,
            SplittableRandom random,
            UUID id,
            String local,
            String role,
            boolean verified,
            Instant created,
            String hash)
            throws SQLException {
        String name =
                FIRST_NAMES[random.nextInt(FIRST_NAMES.length)] + " " + LAST_NAMES[random.nextInt(LAST_NAMES.length)];
        String phone = random.nextDouble() < 0.7
                ? "+1" + (2 + random.nextInt(8)) + String.format(Locale.ROOT, "%09d", random.nextInt(1_000_000_000))
                : null;
        Instant phoneVerified = phone != null && random.nextDouble() < 0.6 ? created.plus(Duration.ofHours(1)) : null;
        out.uuid(id)
                .text(local + "@" + EMAIL_DOMAIN)
                .text(hash)
                .text(name)
                .text(phone)
                .time(phoneVerified)
                .text(role)
                .text("ACTIVE")
                .time(verified ? created.plus(Duration.ofMinutes(5)) : null)
                .time(created)
                .time(created)
                .endRow();
    }

    private void writeHomeownerProfiles(CopyOut out) throws SQLException {
        for (int i = 0; i < homeownerCount; i++) {
            out.uuid(homeownerIds[i])
                    .text(homeownerAddress[i])
                    .text(homeownerPostcode[i])
                    .number(homeownerLat[i])
                    .number(homeownerLng[i])
                    .time(homeownerCreated[i])
                    .time(homeownerCreated[i])
                    .endRow();
        }
    }

    private void writeContractorProfiles(CopyOut out) throws SQLException {
        for (int i = 0; i < contractorCount; i++) {
            Contractor c = contractors[i];
            boolean verified = c.verification().equals("VERIFIED");
            out.uuid(contractorIds[i])
                    .text(c.business())
                    .text(ltreeArray(c.trades()))
                    .number(c.latitude())
                    .number(c.longitude())
                    .number(c.radiusKm())
                    .text(c.licence())
                    .text(CITIES.get(c.city()).stateName())
                    .date(c.licenceExpires())
                    .text(c.insurer())
                    .date(c.insuranceExpires())
                    .text(c.bio())
                    .number(c.years())
                    .text(c.verification())
                    .text(
                            c.verification().equals("REJECTED")
                                    ? "Licence number did not match the state register."
                                    : null)
                    .time(c.verifiedAt())
                    .uuid(verified ? adminIds[c.verifier()] : null)
                    .text(c.payouts() ? "acct_bench" + String.format(Locale.ROOT, "%08d", i) : null)
                    .time(c.payouts() ? c.profileCreated().plus(Duration.ofDays(3)) : null)
                    .time(c.profileCreated())
                    .time(verified ? c.verifiedAt() : c.profileCreated())
                    .endRow();
        }
    }

    private void writeJobs(CopyOut out) throws SQLException {
        for (Job job : jobs) {
            SplittableRandom random = new SplittableRandom(mix(seed, 3_000_000_000L + job.index));
            String[][] text = textFor(job.trade, random);
            job.title = capitalise(fill(text[0][random.nextInt(text[0].length)], random));
            StringBuilder description = new StringBuilder();
            int details = 2 + random.nextInt(3);
            int first = random.nextInt(text[1].length);
            for (int d = 0; d < details; d++) {
                description
                        .append(fill(text[1][(first + d) % text[1].length], random))
                        .append(' ');
            }
            int general = 1 + random.nextInt(3);
            int g0 = random.nextInt(GENERAL.length);
            for (int g = 0; g < general; g++) {
                description
                        .append(fill(GENERAL[(g0 + g * 5) % GENERAL.length], random))
                        .append(' ');
            }
            double lat = homeownerLat[job.homeowner];
            double lng = homeownerLng[job.homeowner];
            String address = homeownerAddress[job.homeowner];
            String postcode = homeownerPostcode[job.homeowner];
            if (random.nextDouble() < 0.1) { // another property in the same metro area
                double[] point = scatter(random, CITIES.get(job.city));
                lat = point[0];
                lng = point[1];
                address = address(random, CITIES.get(job.city));
                postcode = CITIES.get(job.city).zip3() + String.format(Locale.ROOT, "%02d", random.nextInt(100));
            }
            LocalDate start = job.deadline != null && random.nextDouble() < 0.8
                    ? LocalDate.ofInstant(job.deadline, ZoneOffset.UTC).plusDays(random.nextInt(31))
                    : null;
            Instant updated = latest(job.createdAt, job.publishedAt, job.awardedAt, job.closedAt);
            out.uuid(job.id)
                    .uuid(homeownerIds[job.homeowner])
                    .text(job.title)
                    .text(description.toString().strip())
                    .text(job.trade)
                    .number(lat)
                    .number(lng)
                    .text(address)
                    .text(postcode)
                    .number(job.budgetMin)
                    .number(job.budgetMax)
                    .text("USD")
                    .time(job.deadline)
                    .date(start)
                    .text(job.status)
                    .time(job.publishedAt)
                    .time(job.awardedAt)
                    .time(job.closedAt)
                    .time(job.createdAt)
                    .time(updated)
                    .endRow();
        }
    }

    private void writeBids(CopyOut out, List<UUID[]> contracts) throws SQLException {
        for (Job job : jobs) {
            for (BidRow bid : bidsOf(job)) {
                out.uuid(bid.id())
                        .uuid(job.id)
                        .uuid(bid.contractor())
                        .number(bid.amount())
                        .text("USD")
                        .text(bid.proposal())
                        .number(bid.duration())
                        .date(bid.earliestStart())
                        .number(FEE_RATE_BPS)
                        .text(bid.status())
                        .number(bid.revision())
                        .time(bid.submittedAt())
                        .time(bid.decidedAt())
                        .time(bid.withdrawnAt())
                        .time(bid.submittedAt())
                        .time(bid.updatedAt())
                        .endRow();
                if (bid.status().equals("ACCEPTED")) {
                    contracts.add(new UUID[] {job.id, bid.id(), bid.contractor()});
                }
            }
        }
    }

    private void writeRevisions(CopyOut out) throws SQLException {
        for (Job job : jobs) {
            for (BidRow bid : bidsOf(job)) {
                out.uuid(bid.id())
                        .number(1)
                        .number(bid.originalAmount())
                        .text("USD")
                        .text(bid.originalProposal())
                        .number(bid.originalDuration())
                        .date(bid.earliestStart())
                        .number(FEE_RATE_BPS)
                        .time(bid.submittedAt())
                        .endRow();
                if (bid.revision() == 2) {
                    out.uuid(bid.id())
                            .number(2)
                            .number(bid.amount())
                            .text("USD")
                            .text(bid.proposal())
                            .number(bid.duration())
                            .date(bid.earliestStart())
                            .number(FEE_RATE_BPS)
                            .time(bid.updatedAt())
                            .endRow();
                }
            }
        }
    }

    /** A PENDING_FUNDING contract with the accepted terms for every awarded job (as acceptance creates it). */
    private void writeContracts(CopyOut out, List<UUID[]> accepted) throws SQLException {
        Map<UUID, Job> byId = new LinkedHashMap<>();
        for (Job job : jobs) {
            if (job.status.equals("AWARDED")) {
                byId.put(job.id, job);
            }
        }
        SplittableRandom random = new SplittableRandom(mix(seed, 11));
        contractIds = new ArrayList<>();
        for (UUID[] row : accepted) {
            Job job = byId.get(row[0]);
            BidRow bid = bidsOf(job).stream()
                    .filter(candidate -> candidate.id().equals(row[1]))
                    .findFirst()
                    .orElseThrow();
            UUID id = uuid(random);
            contractIds.add(new Object[] {id, job.awardedAt});
            out.uuid(id)
                    .uuid(job.id)
                    .uuid(bid.id())
                    .uuid(homeownerIds[job.homeowner])
                    .uuid(bid.contractor())
                    .number(bid.amount())
                    .text("USD")
                    .number(FEE_RATE_BPS)
                    .text(bid.proposal())
                    .text(job.title)
                    .number(bid.duration())
                    .text("PENDING_FUNDING")
                    .text("contract_" + id)
                    .time(job.awardedAt)
                    .time(job.awardedAt)
                    .time(job.awardedAt)
                    .endRow();
        }
    }

    private List<Object[]> contractIds = List.of();

    /** The live clocks: each open job's acceptance window, each pending contract's funding window. */
    private void writeTimers(CopyOut out) throws SQLException {
        for (Job job : jobs) {
            if (job.status.equals("OPEN")) {
                out.text("JOB_ACCEPTANCE_WINDOW_ENDS")
                        .uuid(job.id)
                        .time(job.deadline.plus(ACCEPTANCE_WINDOW))
                        .text("SCHEDULED")
                        .time(job.publishedAt)
                        .time(job.publishedAt)
                        .endRow();
            }
        }
        for (Object[] contract : contractIds) {
            Instant accepted = (Instant) contract[1];
            out.text("CONTRACT_FUNDING_WINDOW_ENDS")
                    .uuid((UUID) contract[0])
                    .time(accepted.plus(FUNDING_WINDOW))
                    .text("SCHEDULED")
                    .time(accepted)
                    .time(accepted)
                    .endRow();
        }
    }

    // ---------------------------------------------------------------- text

    private static String[][] textFor(String trade, SplittableRandom random) {
        String[][] own = TEXT.get(trade);
        if (own != null) {
            return own;
        }
        List<String> subs = subTrades(trade);
        return TEXT.get(subs.get(random.nextInt(subs.size())));
    }

    private String proposal(SplittableRandom random, int contractor, Job job) {
        StringBuilder text = new StringBuilder();
        int sentences = 2 + random.nextInt(3);
        int first = random.nextInt(PROPOSALS.length);
        for (int s = 0; s < sentences; s++) {
            String sentence = PROPOSALS[(first + s * 3) % PROPOSALS.length]
                    .replace("{business}", contractors[contractor].business())
                    .replace("{city}", CITIES.get(job.city).name())
                    .replace(
                            "{state}",
                            CITIES.get(contractors[contractor].city()).stateName());
            text.append(fill(sentence, random)).append(' ');
        }
        return text.toString().strip();
    }

    private static String fill(String template, SplittableRandom random) {
        if (template.indexOf('{') < 0) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length() + 16);
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '{') {
                int end = template.indexOf('}', i);
                out.append(slot(template.substring(i + 1, end), random));
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String slot(String name, SplittableRandom random) {
        return switch (name) {
            case "room" -> ROOMS[random.nextInt(ROOMS.length)];
            case "home" -> HOMES[random.nextInt(HOMES.length)];
            case "year" -> Integer.toString(1910 + random.nextInt(106));
            case "gallons" -> new String[] {"40", "50", "75"}[random.nextInt(3)];
            case "age" -> Integer.toString(8 + random.nextInt(18));
            case "warranty" -> Integer.toString(1 + random.nextInt(5));
            case "brand" -> new String[] {"Moen", "Kohler", "Delta", "American Standard", "Grohe"}[random.nextInt(5)];
            case "baths" -> Integer.toString(1 + random.nextInt(4));
            case "appliance" ->
                new String[] {"electric range", "dryer", "hot tub", "shop compressor", "mini-split", "induction cooktop"
                        }
                        [random.nextInt(6)];
            case "feet" -> Integer.toString(20 + random.nextInt(180));
            case "count" -> Integer.toString(3 + random.nextInt(14));
            case "ceiling" -> new String[] {"8", "9", "10", "12", "16", "18"}[random.nextInt(6)];
            case "charger" ->
                new String[] {"ChargePoint Home Flex", "Tesla Wall Connector", "JuiceBox", "Emporia", "Grizzl-E"}
                        [random.nextInt(5)];
            case "roofing" ->
                new String[] {"asphalt shingle", "architectural shingle", "cedar shake", "metal", "clay tile", "slate"}
                        [random.nextInt(6)];
            case "squares" -> Integer.toString(14 + random.nextInt(32));
            case "pitch" -> new String[] {"low", "medium", "steep"}[random.nextInt(3)];
            case "sqft" -> Integer.toString(400 + 50 * random.nextInt(60));
            case "width" -> Integer.toString(8 + random.nextInt(17));
            case "length" -> Integer.toString(10 + random.nextInt(30));
            case "height" -> Integer.toString(2 + random.nextInt(8));
            case "decking" ->
                new String[] {"Trex composite", "cedar", "pressure-treated pine", "ipe", "TimberTech"}
                        [random.nextInt(5)];
            case "colour" ->
                new String[] {"agreeable gray", "warm white", "navy blue", "sage green", "greige", "pale blue"}
                        [random.nextInt(6)];
            case "siding" ->
                new String[] {"wood clapboard", "fiber cement", "cedar shingle", "stucco", "vinyl"}[random.nextInt(5)];
            case "hvacbrand" ->
                new String[] {"Carrier", "Trane", "Lennox", "Rheem", "Goodman", "York"}[random.nextInt(6)];
            case "treeheight" -> Integer.toString(30 + random.nextInt(61));
            case "addition" -> Integer.toString(200 + 50 * random.nextInt(13));
            case "tilearea" -> Integer.toString(30 + 10 * random.nextInt(38));
            case "weeks" -> Integer.toString(2 + random.nextInt(10));
            case "month" -> new String[] {"March", "April", "May", "June", "September", "October"}[random.nextInt(6)];
            case "start", "days", "crew" ->
                name.equals("start")
                        ? new String[] {"next Monday", "within a week", "in two weeks", "right after the deadline"}
                                [random.nextInt(4)]
                        : Integer.toString(name.equals("days") ? 1 + random.nextInt(30) : 2 + random.nextInt(5));
            default -> throw new IllegalArgumentException("unknown slot " + name);
        };
    }

    // ---------------------------------------------------------------- helpers

    private static void text(String trade, String[] titles, String[] details) {
        if (!TradeTaxonomy.exists(trade)) {
            throw new IllegalStateException("not in the trade taxonomy: " + trade);
        }
        TEXT.put(trade, new String[][] {titles, details});
    }

    private static List<String> subTrades(String top) {
        return TradeTaxonomy.within(top).stream()
                .map(trade -> trade.code())
                .filter(code -> !code.equals(top))
                .toList();
    }

    private int pickCity(SplittableRandom random) {
        double u = random.nextDouble();
        int index = Arrays.binarySearch(cityCumulative, u);
        return Math.min(CITIES.size() - 1, index >= 0 ? index : -index - 1);
    }

    private static int pickGroup(SplittableRandom random) {
        int total = GROUPS.stream().mapToInt(TradeGroup::weight).sum();
        int u = random.nextInt(total);
        for (int g = 0; g < GROUPS.size(); g++) {
            u -= GROUPS.get(g).weight();
            if (u < 0) {
                return g;
            }
        }
        throw new IllegalStateException();
    }

    /** A point around the city: 92% a Gaussian with the city's spread, 8% exurban (150 km), inside the box. */
    private static double[] scatter(SplittableRandom random, City city) {
        double sigma = random.nextDouble() < 0.92 ? city.sigmaKm() : 150;
        double lat = city.lat() + random.nextGaussian() * sigma / 111.0;
        double lng = city.lng() + random.nextGaussian() * sigma / (111.0 * Math.cos(Math.toRadians(city.lat())));
        lat = Math.max(MIN_LAT, Math.min(MAX_LAT, lat));
        lng = Math.max(MIN_LNG, Math.min(MAX_LNG, lng));
        return new double[] {Math.round(lat * 1e6) / 1e6, Math.round(lng * 1e6) / 1e6};
    }

    private static String address(SplittableRandom random, City city) {
        return (1 + random.nextInt(9899)) + " " + STREETS[random.nextInt(STREETS.length)] + " "
                + STREET_KINDS[random.nextInt(STREET_KINDS.length)] + ", " + city.name() + ", " + city.state();
    }

    private static String ltreeArray(Set<String> trades) {
        return "{" + String.join(",", trades) + "}";
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static long roundTo(double value, long step) {
        return Math.max(step, Math.round(value / step) * step);
    }

    private static Duration minutes(SplittableRandom random, long from, long to) {
        return Duration.ofMinutes(random.nextLong(from, to));
    }

    private static long minutesBetween(Instant from, Instant to) {
        return Duration.between(from, to).toMinutes();
    }

    private static Instant latest(Instant... instants) {
        Instant latest = null;
        for (Instant instant : instants) {
            if (instant != null && (latest == null || instant.isAfter(latest))) {
                latest = instant;
            }
        }
        return latest;
    }

    /** A version-4 UUID from the random stream. */
    private static UUID uuid(SplittableRandom random) {
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    private static long mix(long seed, long stream) {
        long z = seed * 0x9E3779B97F4A7C15L + stream * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    // ---------------------------------------------------------------- COPY

    /** Streams one table's rows to COPY ... FROM STDIN (text format) in 1 MiB chunks, one transaction per table. */
    static final class CopyLoader {
        private final Connection connection;
        private final boolean rebuild;

        CopyLoader(Connection connection, boolean rebuild) {
            this.connection = connection;
            this.rebuild = rebuild;
        }

        private List<String[]> definitions(String table, String query) throws SQLException {
            List<String[]> result = new ArrayList<>();
            try (var statement = connection.prepareStatement(query)) {
                statement.setString(1, table);
                try (var rows = statement.executeQuery()) {
                    while (rows.next()) {
                        result.add(new String[] {rows.getString(1), rows.getString(2)});
                    }
                }
            }
            return result;
        }

        long copy(String table, String columns, RowWriter writer) throws SQLException {
            List<String[]> indexes = List.of();
            List<String[]> foreignKeys = List.of();
            if (rebuild && REBUILT.contains(table)) {
                indexes = definitions(table, INDEXES);
                foreignKeys = definitions(table, FOREIGN_KEYS);
                try (Statement statement = connection.createStatement()) {
                    for (String[] index : indexes) {
                        statement.execute("DROP INDEX " + index[0]);
                    }
                    for (String[] key : foreignKeys) {
                        statement.execute("ALTER TABLE " + table + " DROP CONSTRAINT " + key[0]);
                    }
                }
            }
            CopyIn copy = connection
                    .unwrap(PGConnection.class)
                    .getCopyAPI()
                    .copyIn("COPY " + table + " (" + columns + ") FROM STDIN");
            CopyOut out = new CopyOut(copy);
            try {
                writer.write(out);
                out.flush();
                long rows = copy.endCopy();
                if (!indexes.isEmpty() || !foreignKeys.isEmpty()) {
                    try (Statement statement = connection.createStatement()) {
                        for (String[] index : indexes) {
                            statement.execute(index[1]);
                        }
                        for (String[] key : foreignKeys) {
                            statement.execute("ALTER TABLE " + table + " ADD CONSTRAINT " + key[0] + " " + key[1]);
                        }
                    }
                    // The same definitions as the migrations', or nothing is committed.
                    if (!sameDefinitions(indexes, definitions(table, INDEXES))
                            || !sameDefinitions(foreignKeys, definitions(table, FOREIGN_KEYS))) {
                        throw new IllegalStateException("re-created indexes or keys of " + table + " differ");
                    }
                }
                connection.commit();
                return rows;
            } catch (SQLException | RuntimeException e) {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
                connection.rollback();
                throw e;
            }
        }
    }

    /** Tables whose secondary indexes and foreign keys may be dropped for the load and re-created after it. */
    static final Set<String> REBUILT = Set.of("jobs", "bids", "bid_revisions");

    /** Indexes that back no constraint of the table (those stay), with their definitions. */
    static final String INDEXES = """
            SELECT c.relname, pg_get_indexdef(c.oid) FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
             WHERE x.indrelid = CAST(? AS regclass)
               AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid
                                  AND k.conrelid = x.indrelid AND k.contype IN ('p', 'u', 'x'))
             ORDER BY 1""";

    static final String FOREIGN_KEYS = """
            SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
             WHERE conrelid = CAST(? AS regclass) AND contype = 'f' ORDER BY 1""";

    private static boolean sameDefinitions(List<String[]> before, List<String[]> after) {
        return before.stream()
                .map(Arrays::toString)
                .toList()
                .equals(after.stream().map(Arrays::toString).toList());
    }

    /** One row at a time in COPY's text format: tab-separated, \N for NULL, backslash escapes. */
    static final class CopyOut {
        private final CopyIn copy;
        private final StringBuilder row = new StringBuilder(1 << 20);
        private boolean first = true;

        CopyOut(CopyIn copy) {
            this.copy = copy;
        }

        CopyOut text(String value) {
            separator();
            if (value == null) {
                row.append("\\N");
                return this;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                switch (c) {
                    case '\\' -> row.append("\\\\");
                    case '\t' -> row.append("\\t");
                    case '\n' -> row.append("\\n");
                    case '\r' -> row.append("\\r");
                    default -> row.append(c);
                }
            }
            return this;
        }

        CopyOut uuid(UUID value) {
            return raw(value == null ? null : value.toString());
        }

        CopyOut time(Instant value) {
            return raw(value == null ? null : value.toString());
        }

        CopyOut date(LocalDate value) {
            return raw(value == null ? null : value.toString());
        }

        CopyOut number(Number value) {
            return raw(value == null ? null : value.toString());
        }

        CopyOut number(double value) {
            return raw(Double.toString(value));
        }

        CopyOut number(long value) {
            return raw(Long.toString(value));
        }

        private CopyOut raw(String value) {
            separator();
            row.append(value == null ? "\\N" : value);
            return this;
        }

        private void separator() {
            if (!first) {
                row.append('\t');
            }
            first = false;
        }

        void endRow() throws SQLException {
            row.append('\n');
            first = true;
            if (row.length() > (1 << 20) - 8192) {
                flush();
            }
        }

        void flush() throws SQLException {
            if (row.length() > 0) {
                byte[] bytes = row.toString().getBytes(StandardCharsets.UTF_8);
                copy.writeToCopy(bytes, 0, bytes.length);
                row.setLength(0);
            }
        }
    }
}
