package io.airsync.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PiiMaskerTest {

    @Test
    void masksEmailAddresses() {
        assertEquals("a***@e***.com", PiiMasker.email("ana.perez@example.com"));
        assertEquals("j***@m***.uk", PiiMasker.email(" jo@mail.example.co.uk "));
        assertEquals("***", PiiMasker.email("not-an-address"));
        assertEquals("***", PiiMasker.email("@example.com"));
        assertEquals("", PiiMasker.email(""));
        assertNull(PiiMasker.email(null));
    }

    @Test
    void masksPhoneNumbersKeepingTheLastTwoDigits() {
        assertEquals("***78", PiiMasker.phone("+33 6 12 34 56 78"));
        assertEquals("***67", PiiMasker.phone("(555) 123-4567"));
        assertEquals("***", PiiMasker.phone("112"));
        assertNull(PiiMasker.phone(null));
    }

    @Test
    void masksNamesToInitials() {
        assertEquals("A***", PiiMasker.name("Ana"));
        assertEquals("A*** P***", PiiMasker.name("Ana  Pérez"));
        assertEquals("É***", PiiMasker.name("Élodie"));
        assertEquals("\uD83D\uDE00***", PiiMasker.name("\uD83D\uDE00abc"));
        assertNull(PiiMasker.name(null));
    }

    @Test
    void masksEmailsAndPhonesInsideFreeText() {
        String masked = PiiMasker.text(
                "Duplicate key ana.perez@example.com (call +33 6 12 34 56 78 or 0612345678, fax 01.23.45.67.89)");
        assertEquals("Duplicate key a***@e***.com (call ***78 or ***78, fax ***89)", masked);
    }

    @Test
    void masksAddressesCutShortOrWithoutATopLevelDomain() {
        // Error messages quote a value cut to 40 characters: what is left of the address is still masked.
        assertEquals("expected a number, got string 'please write to j***@e***...'",
                PiiMasker.text("expected a number, got string 'please write to jean-christophe.dupont@entreprise-ex...'"));
        assertEquals("mail r***@l***", PiiMasker.text("mail root@localhost"));
        assertEquals("already a***@e***.com", PiiMasker.text("already a***@e***.com"));
    }

    @Test
    void masksTheValuesAnErrorMessageQuotesButNotTheFieldNames() {
        assertEquals("expected a date, got string 'Z*** W***'",
                PiiMasker.messageWithValues("expected a date, got string 'Zoé Wołoszyn-Ñúñez'"));
        assertEquals("expected a number, got string 'w*** t*** j***'",
                PiiMasker.messageWithValues("expected a number, got string 'write to jean-christophe.dupont-moret...'"));
        assertEquals("Insufficient permissions to create new select option \"\"P*** K***\"\"",
                PiiMasker.messageWithValues("Insufficient permissions to create new select option \"\"Pirate King\"\""));
        assertEquals("Field \"Price\" cannot accept the provided value",
                PiiMasker.messageWithValues("Field \"Price\" cannot accept the provided value"));
        assertEquals("no Users record for id 65a0; call ***78",
                PiiMasker.messageWithValues("no Users record for id 65a0; call +33 6 12 34 56 78"));
    }

    @Test
    void leavesDatesCountsDecimalsAndIdsAlone() {
        String text = "Run 2024-05-01T10:00:00Z synced 100000 records in 1234567 ms at 3.14159265; "
                + "record recAbC123456789012 for _id 507f1f77bcf86cd799439011 on 2024-05-01";
        assertEquals(text, PiiMasker.text(text));
    }

    @Test
    void nullAndEmptyTextPassThrough() {
        assertNull(PiiMasker.text(null));
        assertEquals("", PiiMasker.text(""));
    }

    @Test
    void maskedTextNeverContainsTheOriginalValues() {
        String masked = PiiMasker.text("Contact: Bob <bob.smith@corp.example.org>, tel. +1 (202) 555-0143.");
        assertFalse(masked.contains("bob.smith"), masked);
        assertFalse(masked.contains("555-0143"), masked);
        assertTrue(masked.contains("b***@c***.org"), masked);
        assertTrue(masked.contains("***43"), masked);
    }
}
