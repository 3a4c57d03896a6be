package org.msnscope.cli.anonymize;

/** What a replaced value was, for the report (docs/anonymize.md). Never the value itself. */
enum Kind {
    ACCOUNT("accounts"),
    DOMAIN("account domains"),
    FRIENDLY_NAME("friendly names"),
    PERSONAL_MESSAGE("personal messages, media and endpoint names"),
    MESSAGE_TEXT("message texts"),
    FILE_NAME("file names"),
    COOKIE("switchboard and MSNFTP cookies"),
    TICKET("tickets, SSO tokens and nonces"),
    HASH("passwords, MD5 and challenge hashes"),
    PROFILE("profile and member fields"),
    PHONE("phone numbers"),
    IPV4("IPv4 addresses"),
    IPV6("IPv6 addresses"),
    MAC("MAC addresses"),
    MSN_OBJECT("MSNObjects rewritten (SHA1C recomputed where it verified)");

    final String label;

    Kind(String label) {
        this.label = label;
    }
}
