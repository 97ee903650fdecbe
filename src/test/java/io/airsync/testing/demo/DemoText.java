package io.airsync.testing.demo;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Word pools and sentence builders for the demo data. All names, phones and emails are fictional. */
final class DemoText {

    private DemoText() {
    }

    static final List<String> FIRST_NAMES = List.of(
            "Ana", "José", "Zoë", "Łukasz", "Søren", "Chloé", "Mateo", "Aïcha", "Björn", "Renée", "François",
            "Siobhán", "Emma", "Liam", "Olivia", "Noah", "Priya", "Arjun", "Fatima", "Omar", "Yuki", "Hiroshi",
            "Mei", "Wei", "Ji-woo", "Min-jun", "Lucía", "Diego", "Ingrid", "Lars", "Chiara", "Giulia", "Kwame",
            "Amara", "Dmitri", "Olena", "Nikos", "Élodie", "Maëlle", "Thandiwe", "Sebastián", "Ngozi", "Tomás",
            "Hannah", "Ethan", "Sophia", "Jakub", "Zuzana", "Aroha", "Leilani",
            // non-Latin scripts and emoji
            "直子", "伟", "美咲", "민준", "지우", "محمد", "فاطمة", "Олена", "Δημήτρης", "Lu 🌮", "Sam 🍜", "Kai ✨");

    static final List<String> LAST_NAMES = List.of(
            "García", "Müller", "Øvergaard", "O'Brien", "Nguyễn", "Kowalski", "Dubois", "Smith", "Patel",
            "Ivanova", "Papadopoulos", "da Silva", "van der Berg", "Tanaka", "Okafor", "Haddad", "Cohen", "Rossi",
            "Andersson", "Novák", "Fernández", "Schröder", "Lefèvre", "Ó Súilleabháin", "Kim", "Park", "Chen",
            "Singh", "Mensah", "Al-Farsi", "Johansson", "Moreau", "Yilmaz", "Nowak", "Costa", "Brown", "Wilson",
            "Martínez", "Begum", "Ferreira",
            "王", "佐藤", "김", "العلي", "Шевченко", "Παπαδάκης", "Lee-Wong 🌸");

    static final List<String> NEIGHBORHOODS = List.of(
            "Mission District", "Nob Hill", "SoMa", "Hayes Valley", "Noe Valley", "Bernal Heights", "Richmond",
            "Sunset", "North Beach", "Chinatown", "Castro", "Dogpatch", "Potrero Hill", "Marina", "Japantown",
            "Tenderloin", "Excelsior", "Glen Park", "Outer Sunset", "Presidio Heights");

    static final List<String> VENUES = List.of(
            "The Long Table", "Casa Olivo", "Salt & Ember", "Kitchen Nº 9", "Little Fig", "The Copper Pot",
            "Maison Verte", "Umami Room", "Saffron Loft", "Harbor Hall", "Café Lumière", "The Greenhouse");

    static final List<String> EMAIL_DOMAINS = List.of(
            "gmail.com", "yahoo.com", "outlook.com", "proton.me", "icloud.com", "hey.com", "example.org",
            "mail.example.com");

    static final List<String> DIETS = List.of(
            "vegetarian", "vegan", "pescatarian", "gluten-free", "dairy-free", "happy to eat anything",
            "allergic to nuts", "avoiding alcohol");

    static final List<String> WEEKDAYS = List.of("Thursday", "Friday", "Saturday", "Sunday", "Wednesday");

    static final List<String> THEMES = List.of(
            "Night", "Supper", "Feast", "Table", "Evening", "Social", "Gathering", "Tasting", "Kitchen Party");

    static final List<String> ADJECTIVES = List.of(
            "Candlelit", "Rooftop", "Late-Night", "Sunday", "Harvest", "Neighborhood", "Secret", "Seasonal",
            "Midsummer", "Cozy", "Backyard", "Riverside");

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** ASCII letters of a name, for an email local part; empty for names with none (CJK, Arabic). */
    static String asciiSlug(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFD)
                .replace("ł", "l").replace("Ł", "L").replace("ø", "o").replace("Ø", "O");
        return decomposed.replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
    }

    /** A fictional phone number (US 555-01xx, UK 07700 900xxx ranges), in one of several common formats. */
    static String phone(Random random) {
        int line = 100 + random.nextInt(100);
        int area = List.of(415, 628, 510, 650, 212).get(random.nextInt(5));
        return switch (random.nextInt(7)) {
            case 0 -> "+1 " + area + "-555-0" + line;
            case 1 -> "(" + area + ") 555-0" + line;
            case 2 -> area + ".555.0" + line;
            case 3 -> area + "5550" + line;
            case 4 -> "+1" + area + "5550" + line;
            case 5 -> "07700 900" + String.format(Locale.ROOT, "%03d", random.nextInt(1000));
            default -> "+44 7700 900" + String.format(Locale.ROOT, "%03d", random.nextInt(1000));
        };
    }

    /** A user profile summary of about {@code targetChars} characters, built from sentences about the user. */
    static String userSummary(Random random, String firstName, String occupation, String neighborhood,
                              List<String> interests, int eventCount, String tablePreference, int targetChars) {
        String interestText = interests.isEmpty() ? "meeting new people"
                : String.join(" and ", interests.subList(0, Math.min(2, interests.size()))).toLowerCase(Locale.ROOT);
        String job = occupation == null ? "member of the community" : occupation.toLowerCase(Locale.ROOT);
        List<String> sentences = List.of(
                firstName + " is a " + job + " based in " + neighborhood + " who is into " + interestText + ".",
                "Has joined " + eventCount + (eventCount == 1 ? " dinner" : " dinners") + " so far and tends to book "
                        + pick(random, WEEKDAYS) + " evenings.",
                "Prefers " + (tablePreference == null ? "any kind of" : tablePreference.toLowerCase(Locale.ROOT))
                        + " seating and is " + pick(random, DIETS) + ".",
                "Often brings a friend along and is quick to start conversations with people they have not met.",
                "Left warm feedback after the last " + pick(random, THEMES).toLowerCase(Locale.ROOT)
                        + ", especially about the host and the pacing of the courses.",
                "Asked whether future events could start a little later on weekdays because of work.",
                "Responds best to short, friendly messages that mention who else is coming.",
                "Signed up after a friend's recommendation and completed most of the onboarding questions.",
                "Is curious about " + pick(random, List.of("natural wine", "fermentation", "regional cooking",
                        "street food", "tea ceremonies", "baking")) + " and has asked about related workshops.",
                "Usually replies within a day; ignored the last two reminders sent late in the evening.",
                "Would like to meet more people working in " + pick(random, List.of("tech", "healthcare",
                        "education", "the arts", "hospitality", "finance")) + ".",
                "Mentioned moving to " + neighborhood + " recently and looking for a regular crowd to eat with.",
                "Cancelled once at short notice (" + pick(random, List.of("a work trip", "a cold", "a family visit",
                        "a double booking")) + ") and apologised to the host afterwards.",
                "Rated the " + pick(random, List.of("dessert", "wine pairing", "starter", "bread", "main course"))
                        + " at the last dinner " + (3 + random.nextInt(3)) + " out of 5.",
                "Hosts describe " + firstName + " as " + pick(random, List.of("thoughtful", "funny", "a great listener",
                        "curious about everyone", "quiet at first but warm")) + ".",
                "Has a standing request to be seated near " + pick(random, List.of("the window", "the kitchen",
                        "the host", "the end of the table")) + " when possible.",
                "Shared " + (1 + random.nextInt(6)) + " photos from past events on the community board.",
                "Asked about gift cards for " + pick(random, List.of("a birthday", "a colleague", "a partner",
                        "a parent")) + " in " + pick(random, List.of("spring", "December", "the summer", "autumn")) + ".",
                "Referred " + random.nextInt(5) + " friends, " + random.nextInt(3) + " of whom have booked since.");
        StringBuilder text = new StringBuilder();
        int start = random.nextInt(sentences.size());
        int i = 0;
        while (text.length() < targetChars) {
            String sentence = i < sentences.size() ? sentences.get((start + i) % sentences.size())
                    : sentences.get(random.nextInt(sentences.size()));
            if (text.length() > 0) {
                text.append(i % 4 == 3 ? "\n\n" : " ");
            }
            text.append(sentence);
            i++;
        }
        return text.toString();
    }

    static String eventDescription(Random random, String cuisine, String eventType, String venue,
                                   String neighborhood, int capacity) {
        return "A " + eventType.toLowerCase(Locale.ROOT) + " of " + cuisine + " cooking at " + venue + " in "
                + neighborhood + ". " + capacity + " seats, shared plates, and hosts who make sure nobody eats alone. "
                + pick(random, List.of("Bring your curiosity; we bring the food.",
                        "Vegetarian options on request.",
                        "Drinks pairing available at the door.",
                        "Perfect for first-timers.",
                        "Expect a long table and longer conversations."));
    }

    static String eventSummary(Random random, String name, String cuisine, int participants, int capacity,
                               List<String> topInterests) {
        return name + " drew " + participants + " of " + capacity + " guests. The " + cuisine
                + " menu was the main draw; guests share interests in "
                + String.join(", ", topInterests).toLowerCase(Locale.ROOT) + ". "
                + pick(random, List.of("Seats filled late, mostly through personal invitations.",
                        "Newcomers made up a large share of the table.",
                        "Several guests asked for a follow-up event.",
                        "Waitlist opened two days before the date.",
                        "Feedback highlighted the host's introductions."));
    }

    /**
     * An outreach message of {@code minChars..maxChars} characters. The RSVP code is unique per message, so the
     * text is unique too.
     */
    static String outreachMessage(Random random, String firstName, String eventName, String when, String where,
                                  String cuisine, String interest, String rsvpCode, int targetChars, int maxChars) {
        String greeting = pick(random, List.of("Hi ", "Hey ", "Hello ", "Dear ", "Hi there ")) + firstName + "!";
        String hook = pick(random, List.of(
                "We remembered how much you enjoy " + interest.toLowerCase(Locale.ROOT) + ", so this one made us think of you.",
                "A few people with a love for " + interest.toLowerCase(Locale.ROOT) + " have already said yes.",
                "It has been a while since we shared a table, and we would love to see you again.",
                "You mentioned wanting to try more " + cuisine + " food; here is your chance."));
        String invitation = "Join us for " + eventName + " on " + when + " at " + where + ".";
        String rsvp = "Reply YES or use code " + rsvpCode + " to hold your seat.";
        List<String> extras = List.of(
                "The menu is built around seasonal " + cuisine + " dishes, served family style so everyone gets a taste.",
                "Seats are limited, and we keep a few for people who have not been to one of our dinners before.",
                "If you would like to bring a friend, just tell us their name when you reply.",
                "Dietary needs are no problem; let us know ahead and the kitchen will take care of it.",
                "Our hosts will make introductions, so you will not be sitting next to strangers for long.",
                "Last time guests stayed well past dessert, swapping recommendations and travel stories.",
                "There will be a short welcome drink at the door and plenty of time to settle in.",
                "We picked this table because it seems like a good match for your interests and the way you like to dine.",
                "If the date does not work, reply anyway and we will suggest the next one that fits.",
                "Parking is tight around there, so public transport or a short walk is your best bet.");
        String signOff = pick(random, List.of("See you soon,\nThe Airsync Supper Team", "Warmly,\nYour hosts",
                "Cheers,\nThe community team", "Hope to see you there!\nThe Long Table crew"));

        StringBuilder text = new StringBuilder(greeting).append("\n\n").append(hook).append(' ').append(invitation);
        int budget = maxChars - rsvp.length() - signOff.length() - 4;
        int start = random.nextInt(extras.size());
        for (int i = 0; i < extras.size() && text.length() + rsvp.length() + signOff.length() + 4 < targetChars; i++) {
            String extra = extras.get((start + i) % extras.size());
            if (text.length() + 1 + extra.length() > budget) {
                break;
            }
            text.append(i % 3 == 2 ? "\n\n" : " ").append(extra);
        }
        return text.append("\n\n").append(rsvp).append("\n\n").append(signOff).toString();
    }

    /** A short unique code for an index: a bijective scramble of the index in base 32 (no 0/O/1/I). */
    static String rsvpCode(long seed, int index) {
        String alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        long mask = (1L << 40) - 1;
        long x = ((index * 0x9E3779B97L) ^ (seed & mask)) & mask; // odd multiplier: a bijection on 40 bits
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            code.append(alphabet.charAt((int) (x & 31)));
            x >>>= 5;
        }
        return code.substring(0, 4) + "-" + code.substring(4);
    }
}
