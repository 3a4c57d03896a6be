package org.msnscope.decoder.msnp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.msnscope.decoder.msnp.frame.PayloadRules;

/** The payload table of docs/msnp.md, line shape by line shape (-1: none, -2: bad length). */
class PayloadRulesTest {
    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "c2s|MSG 3 A 120|120",
        "s2c|MSG bob@hotmail.com Bob 95|95",
        "s2c|MSG Hotmail Hotmail 466|466",
        "c2s|MSG 3 A|-2",
        "c2s|MSG 3 A many|-2",
        "s2c|NOT 1200|1200",
        "s2c|IPG 310|310",
        "c2s|QRY 10 msmsgs@msnmsgr.com 32|32",
        "s2c|QRY 10|-1",
        "c2s|GCF 1 Shields.xml|-1",
        "s2c|GCF 1 Shields.xml 900|900",
        "s2c|GCF 0 1036|1036",
        "c2s|UUX 9 85|85",
        "s2c|UUX 9 0|0",
        "s2c|UUX 9|-1",
        "s2c|UBX bob@live.com 53|53",
        "s2c|UBX bob@live.com 1 53|53",
        "s2c|UBX 1:bob@live.com 0|0",
        "c2s|ADL 8 252|252",
        "s2c|ADL 8 OK|-1",
        "s2c|ADL 0 88|88",
        "c2s|RML 9 60|60",
        "s2c|RML 9 OK|-1",
        "c2s|FQY 10 70|70",
        "c2s|UUN 13 bob@live.com 1 120|120",
        "s2c|UUN 13 OK|-1",
        "s2c|UBN bob@live.com 1 120|120",
        "c2s|UUM 14 bob@yahoo.com 32 1 90|90",
        "c2s|PGD 9 bob@hotmail.com 1 70|70",
        "s2c|911 4|-1",
        "s2c|241 7 120|120",
        "c2s|CHG 9 NLN 268435492|-1",
        "s2c|NLN NLN bob@hotmail.com Bob 268435492|-1",
        "s2c|ILN 9 NLN bob@hotmail.com Bob 268435492|-1",
        "c2s|XFR 4 SB|-1",
        "s2c|LST bob@hotmail.com Bob 11 0|-1",
    })
    void lengthByShape(String dir, String line, long expected) {
        String[] tokens = line.split(" ");
        assertEquals(expected, PayloadRules.payloadLength(tokens, tokens.length, dir.equals("c2s")), line);
    }
}
