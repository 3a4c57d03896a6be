package org.msnscope.cli.grammar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.msnscope.decoder.event.CommandEvent;

/** The argument types of docs/grammar.md, token by token and in the positions that depend on the line. */
class GrammarTypesTest {
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource(delimiter = ' ', value = {
        "alice@hotmail.com email",
        "alice@hotmail.com;{2099df7b-e110-475c-9bc5-2f5ac35a8665} email;{guid}",
        "1:bob@live.com network:email",
        "207.46.106.79:1863 host:port",
        "messenger.hotmail.com:1863 host:port",
        "[2001:db8::1]:1863 host:port",
        "http://messenger.msn.com url",
        "{4EAF6933-B7C6-4CA9-8B02-C121DBC14115} guid",
        "9c1a4b2e-37d5-4f08-a6c3-5e2b1d7f0a94 guid",
        "2789003324:48 capabilities",
        "0:0 capabilities",
        "268435492 integer",
        "-1434591437 integer",
        "29409134351025259292 integer",
        "db79d37dadd9031bef996893321da480 hex",
        "NLN literal",
        "MSNP15 literal",
        "MBI_KEY_OLD literal",
        "I literal",
        "YWxpY2VAaG90bWFpbC5jb20gaGVsbG8= base64",
        "Alice%20%E2%9C%88 urlencoded",
        "Hotmail text",
        "0x0409 text",
        "5.0.0540 text",
        "deadbeef text",
        "N=bob@hotmail.com N=email",
        "F=Bob F=text",
        "C=4f7c2a90-1e3b-4d6a-9b58-0c2d8e5f7a13 C=guid",
        "%3Cmsnobj%20Creator%3D%22bob%40hotmail.com%22%2F%3E msnobject",
    })
    void oneToken(String token, String type) {
        assertEquals(type, TokenTypes.of(token));
    }

    private static CommandEvent command(String cmd, Long trid, Long payloadLength, String... args) {
        return new CommandEvent(0, 6, 1, "F1", "s2c", cmd, trid, List.of(args), payloadLength, true, null, null, null);
    }

    private static List<String> types(CommandEvent c) {
        return TokenTypes.types(c, TokenTypes.tokens(c));
    }

    @Test
    void theTridAndThePayloadLengthComeFromTheDecoder() {
        assertEquals(List.of("trid", "literal", "payload_length"), types(command("MSG", 3L, 90L, "A", "90")));
        // the same shape without a payload: the last number is only a number
        assertEquals(List.of("trid", "integer"), types(command("UUX", 10L, null, "0")));
        assertEquals(List.of("integer", "integer"), types(command("CHL", null, null, "0", "37819769320541083311")));
    }

    @Test
    void aPlainNumberIsCapabilitiesWhereTheDecoderReadsTheClientId() {
        assertEquals(List.of("trid", "literal", "capabilities"), types(command("CHG", 9L, null, "NLN", "268435492")));
        assertEquals(List.of("trid", "literal", "email", "text", "capabilities"),
                types(command("ILN", 9L, null, "NLN", "bob@hotmail.com", "Bob", "268435492")));
        // MSNP14-15: the network id after the account moves the client id one on
        assertEquals(List.of("literal", "email", "integer", "text", "capabilities"),
                types(command("NLN", null, null, "NLN", "bob@live.com", "1", "Bob", "2789003324")));
        assertEquals(List.of("trid", "integer", "integer", "email", "text", "capabilities"),
                types(command("IRO", 1L, null, "1", "2", "bob@live.com", "Bob", "1342177280")));
        assertEquals(List.of("email", "text", "capabilities"), types(command("JOI", null, null, "bob@live.com", "Bob", "5")));
        // elsewhere a number is a number
        assertEquals(List.of("trid", "literal", "integer"), types(command("BLP", 5L, null, "AL", "268435492")));
    }
}
