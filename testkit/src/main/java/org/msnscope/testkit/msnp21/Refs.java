package org.msnscope.testkit.msnp21;

import org.msnscope.testkit.p2p.Text;

/** Where the MSNP21 samples' bytes come from, cited in their READMEs. */
final class Refs {
    static final String NINA = "https://wiki.nina.chat/wiki/Protocols/MSNP/MSN_Protocol_Version_21";
    static final String KB = "https://github.com/msndevs/msnp-sharp/blob/wiki/KB_MSNP21.md";
    /** Source names, followed in the READMEs by the functions cited: "MSNPSharp's `OnNFYReceived`". */
    static final String MSNPSHARP = "MSNPSharp's";
    static final String ESCARGOT = "the Escargot server's";
    static final String ANYEVENT = "the Perl client AnyEvent::MSN's";

    /** The paragraph every MSNP21 README opens its provenance with. */
    static final String BLOCKS = Text.fmt("""
            The framing (`VERB trid length`, then a `Routing: 1.0` block with To and From, a `Reliability: 1.0`
            block, and a `Messaging`, `Publication` or `Notification` block with its own Content-Length before
            the body, every block ended by an empty line) follows the NINA MSNP21 page (%s), which imports
            MSNPSharp's KB_MSNP21 (%s), and `MultiMimeMessage.cs` of MSNPSharp (`msndevs/msnp-sharp`).
            Network prefixes (1 Windows Live, 9 circle, 10 temporary group, 13 Connect, 14 remote network, 32
            Yahoo) and `;epid=`, `;path=`, `;via=` are the KB's.""", NINA, KB);

    private Refs() {
    }
}
