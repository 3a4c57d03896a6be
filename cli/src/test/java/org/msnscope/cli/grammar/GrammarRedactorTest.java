package org.msnscope.cli.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pseudonyms are consistent and numbered in first-use order; nothing identifying survives. */
class GrammarRedactorTest {
    private static String line(Redactor r, String line) {
        String[] parts = line.split(" ");
        List<String> tokens = new ArrayList<>(List.of(parts).subList(1, parts.length));
        List<String> types = new ArrayList<>();
        for (String t : tokens) {
            types.add(TokenTypes.of(t));
        }
        if (!tokens.isEmpty() && tokens.get(0).matches("[0-9]+")) {
            types.set(0, TokenTypes.TRID);
        }
        return r.line(parts[0], tokens, types);
    }

    @Test
    void accountsAddressesAndGuidsGetConsistentPseudonyms() {
        Redactor r = new Redactor();
        assertEquals("USR 3 TWN I user1@example.com", line(r, "USR 3 TWN I alice@hotmail.com"));
        assertEquals("XFR 3 NS 192.0.2.1:1863 0 192.0.2.2:1863", line(r, "XFR 3 NS 207.46.106.79:1863 0 65.54.239.140:1863"));
        assertEquals("CAL 4 user2@example.com", line(r, "CAL 4 Bob@Hotmail.com"));
        assertEquals("NLN NLN 1:user2@example.com name1 2789003324:48", line(r, "NLN NLN 1:bob@hotmail.com Bob 2789003324:48"));
        assertEquals("JOI user1@example.com;{00000000-0000-0000-0000-000000000001} name2 0",
                line(r, "JOI alice@hotmail.com;{2099df7b-e110-475c-9bc5-2f5ac35a8665} Alice%20%E2%9C%88 0"));
        assertEquals("BYE user1@example.com;{00000000-0000-0000-0000-000000000001}",
                line(r, "BYE alice@hotmail.com;{2099DF7B-E110-475C-9BC5-2F5AC35A8665}"));
        assertEquals("XFR 5 NS [2001:db8::1]:1863", line(r, "XFR 5 NS [fe80::1]:1863"));
    }

    @Test
    void cookiesTicketsHashesPhonesAndNamesArePlaceholders() {
        Redactor r = new Redactor();
        assertEquals("XFR 13 SB 192.0.2.1:1863 CKI <cookie>", line(r, "XFR 13 SB 207.46.27.163:1863 CKI 1073741868.1121699664.5104"));
        assertEquals("USR 1 user1@example.com <cookie>", line(r, "USR 1 alice@hotmail.com 1073741868.1121699664.5104"));
        assertEquals("ANS 1 user1@example.com <cookie> 11752013", line(r, "ANS 1 alice@hotmail.com 17262740.1050826919.32308 11752013"));
        assertEquals("USR 7 TWN S <text>", line(r, "USR 7 TWN S t=0Hz3*Wd9JbLq!Ua5ZcM2rVx8YpT6kNo1FeGs4*Ri7Qh0Dw!Bm3Xl9Ej5Ky2$&p=8rLq1"));
        assertEquals("USR 5 MD5 S <hex:32>", line(r, "USR 5 MD5 S 7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d"));
        assertEquals("PRP 6 PHH <phone>", line(r, "PRP 6 PHH 555%20123%204567"));
        assertEquals("USR 7 OK user1@example.com name1 1 0", line(r, "USR 7 OK alice@hotmail.com ALICE 1 0"));
        r.identity("Carol");
        assertEquals("PRP MFN name2", line(r, "PRP MFN Carol"));
        assertEquals("CVR 2 0x0409 win 4.10 i386 MSNMSGR 5.0.0540 MSMSGS user1@example.com",
                line(r, "CVR 2 0x0409 win 4.10 i386 MSNMSGR 5.0.0540 MSMSGS alice@hotmail.com"));
        assertEquals("CVR 2 1.0 http://download.microsoft.com/…",
                line(r, "CVR 2 1.0 http://download.microsoft.com/download/setupdl.exe?t=secret"));
        assertEquals("URL 3 http://192.0.2.2:8080/…", line(r, "URL 3 http://10.0.0.7:8080/inbox?ticket=1"));
    }

    @Test
    void anMsnObjectKeepsItsShapeNotItsOwner() {
        Redactor r = new Redactor();
        String out = line(r, "CHG 8 NLN 2789003324:48 %3Cmsnobj%20Creator%3D%22bob%40hotmail.com%22%20Size%3D%2226381%22"
                + "%20Type%3D%223%22%20Location%3D%22TFR2C.tmp%22%20Friendly%3D%22AAA%3D%22%20SHA1D%3D%22kX2T7o%3D%22%2F%3E");
        assertEquals("CHG 8 NLN 2789003324:48 %3Cmsnobj%20Creator%3D%22user1%40example.com%22%20Size%3D%2226381%22"
                + "%20Type%3D%223%22%20Location%3D%22x%22%20Friendly%3D%22x%22%20SHA1D%3D%22x%22%2F%3E", out);
        assertFalse(out.contains("bob"));
    }

    @Test
    void addressesInsideTextAreReplaced() {
        Redactor r = new Redactor();
        assertEquals("MSNMSGR:user1@example.com;{00000000-0000-0000-0000-000000000001}",
                r.addresses("MSNMSGR:bob@hotmail.com;{9779dbe2-a1bf-4595-95eb-2a40f5ae1a61}"));
        assertEquals("user1@example.com", r.account("BOB@hotmail.com"));
    }
}
