package org.msnscope.testkit.p2p;

/** Page citations shared by the sample READMEs. */
final class Sources {
    static final String NINA = "https://wiki.nina.chat/wiki/Protocols/MSNP/";
    static final String P2PV1 = NINA + "MSNC/P2Pv1_Headers";
    static final String P2PV2 = NINA + "MSNC/P2Pv2_Headers";
    static final String SLP = NINA + "MSNC/MSNSLP";
    static final String DP = NINA + "MSNC/Display_pictures";
    static final String EMOTICONS = NINA + "MSNC/Custom_Emoticons";
    static final String FILES = NINA + "MSNC/File_transfer";
    static final String OBJECT = NINA + "MSNC/MSNObject";
    static final String TRANSPORTS = NINA + "MSNC/Transports";
    static final String MSNFTP_INVITE = NINA + "MSNFTP/Invitation";
    static final String MSNPIKI_DP = "http://msnpiki.msnfanatic.com/index.php/MSNC:Display_pictures";
    static final String MSNPIKI_FILES = "http://msnpiki.msnfanatic.com/index.php/MSNC:File_Transfer";
    static final String IMFREEDOM = "http://www.imfreedom.org/wiki/P2Pv1_Headers";
    static final String HYPOTHETIC_FT = "http://hypothetic.org/docs/msn/client/file_transfer.php";
    static final String HYPOTHETIC_INVITE = "http://hypothetic.org/docs/msn/sitev2.0/switchboard/invitations.php";
    static final String YELLOWS_MSNFTP = "https://yellows111.darkok.xyz/msnp/files/msnftp.html";
    static final String YELLOWS_MIME = "https://yellows111.darkok.xyz/msnp/mimetypes.html";

    private Sources() {
    }
}
