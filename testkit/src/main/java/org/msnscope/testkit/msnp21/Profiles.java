package org.msnscope.testkit.msnp21;

import org.msnscope.testkit.p2p.Wire;

/** The notification server's login profile message, as MSNP18 and MSNP21 servers send it after USR OK. */
final class Profiles {
    private Profiles() {
    }

    static Wire profile() {
        String body = "MIME-Version: 1.0\r\nContent-Type: text/x-msmsgsprofile; charset=UTF-8\r\nLoginTime: 1300134667\r\n"
                + "EmailEnabled: 1\r\nMemberIdHigh: 81244\r\nMemberIdLow: -1907340052\r\nlang_preference: 1033\r\n"
                + "preferredEmail: \r\ncountry: US\r\nPostalCode: \r\nGender: \r\nKid: 0\r\nAge: \r\nBDayPre: \r\n"
                + "Birthday: \r\nWallet: \r\nFlags: 536872513\r\nsid: 507\r\nMSPAuth: 9Qw3Er5Ty7Ui9Op1As3Df5Gh7Jk9Lz$$\r\n"
                + "ClientIP: 98.212.7.140\r\nClientPort: 49232\r\nABCHMigrated: 1\r\nMPOPEnabled: 1\r\n\r\n";
        return RoutedPayload.line("MSG Hotmail Hotmail", body);
    }
}
