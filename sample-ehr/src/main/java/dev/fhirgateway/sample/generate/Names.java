package dev.fhirgateway.sample.generate;

import java.util.List;

/** Small lists the generator draws names and addresses from (accents, hyphens and apostrophes included). */
final class Names {

    static final List<String> MALE_GIVEN = List.of("James", "Robert", "John", "Michael", "David", "William",
            "Richard", "Joseph", "Thomas", "Carlos", "José", "Luis", "Wei", "Minh", "Ahmed", "Kwame", "Daniel",
            "Matthew", "Anthony", "Mark", "Jean-Luc", "Andrés", "Raj", "Tyrone", "Noah", "Liam", "Ethan");
    static final List<String> FEMALE_GIVEN = List.of("Mary", "Patricia", "Jennifer", "Linda", "Elizabeth",
            "Barbara", "Susan", "Jessica", "Sarah", "María", "Lucía", "Mei", "Linh", "Fatima", "Amara", "Emily",
            "Olivia", "Emma", "Ava", "Sophia", "Zoë", "Anne-Marie", "Priya", "Keisha", "Chloé", "Grace", "Hannah");
    static final List<String> FAMILY = List.of("Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia",
            "Miller", "Davis", "Rodriguez", "Martinez", "Hernández", "Lopez", "Gonzalez", "Wilson", "Anderson",
            "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Pérez", "Thompson", "White", "Harris",
            "Nguyen", "Kim", "Patel", "O'Brien", "O'Connor", "Smith-Jones", "García-López", "Müller", "Dubois",
            "Okafor", "Mensah", "Cohen", "Rossi", "Kowalski", "Yamamoto", "Chen", "Singh", "D'Angelo", "Núñez");
    static final List<String> STREETS = List.of("Main St", "Oak Ave", "Maple Dr", "Cedar Ln", "Elm St",
            "Washington Blvd", "Lakeview Rd", "Park Pl", "Hillcrest Dr", "Sunset Ave", "River Rd", "Church St");
    /** City, state, ZIP. */
    static final List<String[]> PLACES = List.of(
            new String[] {"Boston", "MA", "02118"}, new String[] {"Worcester", "MA", "01604"},
            new String[] {"Springfield", "MA", "01103"}, new String[] {"Lowell", "MA", "01852"},
            new String[] {"Cambridge", "MA", "02139"}, new String[] {"Quincy", "MA", "02169"},
            new String[] {"Providence", "RI", "02903"}, new String[] {"Nashua", "NH", "03060"},
            new String[] {"Hartford", "CT", "06103"}, new String[] {"Brockton", "MA", "02301"});

    private Names() {
    }
}
