# Writes scenario.scn for this sample: python3 gen.py scenario.scn
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from http_scenarios import *
import base64
CL = "192.168.1.40"
L = []
def conn(name, cport, server, t): L.append(f"conn {name} {CL}:{cport} {server} {t}")
def c(name, t, data): L.append(f"{name} +{t:.6f} c2s {esc(data)}")
def s(name, t, data): L.append(f"{name} +{t:.6f} s2c {esc(data)}")
def close(name, t): L.append(f"{name} +{t:.6f} close c2s fin")
def sreq(path, host, action, xml):
    b = xml.encode('utf-8')
    h = [f"POST {path} HTTP/1.1"]
    if action: h.append(f'SOAPAction: "{action}"')
    h += ["Content-Type: text/xml; charset=utf-8", "User-Agent: MSN Explorer/9.0 (MSN 8.0; TmstmpExt)", f"Host: {host}", f"Content-Length: {len(b)}", "Connection: Keep-Alive", "Cache-Control: no-cache"]
    return ("\r\n".join(h) + "\r\n\r\n").encode() + b
def sresp(xml, chunked=False):
    b = xml.encode('utf-8')
    h = ["HTTP/1.1 200 OK", "Cache-Control: private, max-age=0", "Content-Type: text/xml; charset=utf-8", "Server: Microsoft-IIS/6.0", "X-AspNet-Version: 2.0.50727"]
    if chunked:
        h.append("Transfer-Encoding: chunked")
        mid = len(b) // 2
        data = b''
        for part in (b[:mid], b[mid:]):
            data += b'%x\r\n' % len(part) + part + b'\r\n'
        return ("\r\n".join(h) + "\r\n\r\n").encode() + data + b'0\r\n\r\n'
    h.append(f"Content-Length: {len(b)}")
    return ("\r\n".join(h) + "\r\n\r\n").encode() + b
ENV = '<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema">'
AB = "http://www.msn.com/webservices/AddressBook"
hdr = ["# MSNP13+ SOAP side channels in clear text (a revival server on plain HTTP): a Passport RST2 token",
"# request, the contact list (FindMembership, then ABFindAll on the same keep-alive connection, the",
"# first answer chunked), an offline message stored with OIM Store2 and one retrieved with RSI",
"# GetMessage. Shapes after the NINA wiki MSNP13 pages (Contact_List, SOAP address book, Offline_IM)",
"# and MSNP15/SSO; accounts, ids, tickets and the password are invented. Generated: see README.md.",
"option seed 13", "option link ethernet", "option format pcapng"]
# s0: token request
rst = ('<?xml version="1.0" encoding="UTF-8"?><Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/" xmlns:wsse="http://schemas.xmlsoap.org/ws/2003/06/secext" xmlns:wsp="http://schemas.xmlsoap.org/ws/2002/12/policy" xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/03/addressing" xmlns:wst="http://schemas.xmlsoap.org/ws/2004/04/trust" xmlns:ps="http://schemas.microsoft.com/Passport/SoapServices/PPCRL">'
 '<Header><ps:AuthInfo Id="PPAuthInfo"><ps:HostingApp>{7108E71A-9926-4FCB-BCC9-9A9D3F32E423}</ps:HostingApp><ps:BinaryVersion>4</ps:BinaryVersion><ps:UIVersion>1</ps:UIVersion><ps:Cookies></ps:Cookies><ps:RequestParams>AQAAAAIAAABsYwQAAAAxMDMz</ps:RequestParams></ps:AuthInfo>'
 '<wsse:Security><wsse:UsernameToken Id="user"><wsse:Username>alice@hotmail.com</wsse:Username><wsse:Password>hunter2-not-in-output</wsse:Password></wsse:UsernameToken></wsse:Security></Header>'
 '<Body><ps:RequestMultipleSecurityTokens Id="RSTS">'
 '<wst:RequestSecurityToken Id="RST0"><wst:RequestType>http://schemas.xmlsoap.org/ws/2004/04/security/trust/Issue</wst:RequestType><wsp:AppliesTo><wsa:EndpointReference><wsa:Address>http://Passport.NET/tb</wsa:Address></wsa:EndpointReference></wsp:AppliesTo></wst:RequestSecurityToken>'
 '<wst:RequestSecurityToken Id="RST1"><wst:RequestType>http://schemas.xmlsoap.org/ws/2004/04/security/trust/Issue</wst:RequestType><wsp:AppliesTo><wsa:EndpointReference><wsa:Address>messengerclear.live.com</wsa:Address></wsa:EndpointReference></wsp:AppliesTo><wsse:PolicyReference URI="MBI_KEY_OLD"></wsse:PolicyReference></wst:RequestSecurityToken>'
 '<wst:RequestSecurityToken Id="RST2"><wst:RequestType>http://schemas.xmlsoap.org/ws/2004/04/security/trust/Issue</wst:RequestType><wsp:AppliesTo><wsa:EndpointReference><wsa:Address>contacts.msn.com</wsa:Address></wsa:EndpointReference></wsp:AppliesTo><wsse:PolicyReference URI="MBI"></wsse:PolicyReference></wst:RequestSecurityToken>'
 '</ps:RequestMultipleSecurityTokens></Body></Envelope>')
rstr = ('<?xml version="1.0" encoding="utf-8" ?><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/" xmlns:wst="http://schemas.xmlsoap.org/ws/2004/04/trust" xmlns:wsse="http://schemas.xmlsoap.org/ws/2003/06/secext"><S:Body><wst:RequestSecurityTokenResponseCollection>'
 '<wst:RequestSecurityTokenResponse><wst:TokenType>urn:passport:compact</wst:TokenType><wst:RequestedSecurityToken><wsse:BinarySecurityToken Id="Compact1">t=EwCoAQ-invented-ticket</wsse:BinarySecurityToken></wst:RequestedSecurityToken><wst:RequestedProofToken><wst:BinarySecret>aW52ZW50ZWQtc2VjcmV0</wst:BinarySecret></wst:RequestedProofToken></wst:RequestSecurityTokenResponse>'
 '</wst:RequestSecurityTokenResponseCollection></S:Body></S:Envelope>')
conn("s0", 2001, "65.54.165.179:80", "2008-06-01T12:00:00.000000Z")
c("s0", 0.0, sreq("/RST2.srf", "login.live.com", None, rst))
s("s0", 0.240, sresp(rstr))
close("s0", 0.260)
# s1: address book: FindMembership then ABFindAll on one connection
fm_req = ENV + '<soap:Header><ABApplicationHeader xmlns="' + AB + '"><ApplicationId>CFE80F9D-180F-4399-82AB-413F33A1FA11</ApplicationId><IsMigration>false</IsMigration><PartnerScenario>Initial</PartnerScenario></ABApplicationHeader><ABAuthHeader xmlns="' + AB + '"><ManagedGroupRequest>false</ManagedGroupRequest></ABAuthHeader></soap:Header><soap:Body><FindMembership xmlns="' + AB + '"><serviceFilter><Types><ServiceType>Messenger</ServiceType></Types></serviceFilter></FindMembership></soap:Body></soap:Envelope>'
def pm(name, disp): return f'<Member xsi:type="PassportMember"><MembershipId>{sum(map(ord, name)) % 900 + 100}</MembershipId><Type>Passport</Type><DisplayName>{disp}</DisplayName><State>Accepted</State><Deleted>false</Deleted><PassportName>{name}</PassportName><IsPassportNameHidden>false</IsPassportNameHidden><PassportId>0</PassportId></Member>'
def em(addr): return f'<Member xsi:type="EmailMember"><MembershipId>7</MembershipId><Type>Email</Type><State>Accepted</State><Deleted>false</Deleted><Email>{addr}</Email><Annotations><Annotation><Name>MSN.IM.BuddyType</Name><Value>32:</Value></Annotation></Annotations></Member>'
fm_resp = (ENV + '<soap:Body><FindMembershipResponse xmlns="' + AB + '"><FindMembershipResult><Services><Service><Memberships>'
 '<Membership><MemberRole>Allow</MemberRole><Members>' + pm("bob@hotmail.com", "Bob") + pm("carol@msn.com", "Carol \u2665") + em("dave@yahoo.com") + '</Members><MembershipIsComplete>true</MembershipIsComplete></Membership>'
 '<Membership><MemberRole>Block</MemberRole><Members>' + pm("mallory@hotmail.com", "Mallory") + '</Members><MembershipIsComplete>true</MembershipIsComplete></Membership>'
 '<Membership><MemberRole>Reverse</MemberRole><Members>' + pm("bob@hotmail.com", "Bob") + pm("carol@msn.com", "Carol \u2665") + '</Members><MembershipIsComplete>true</MembershipIsComplete></Membership>'
 '<Membership><MemberRole>Pending</MemberRole><Members>' + pm("erin@live.com", "Erin") + '</Members><MembershipIsComplete>true</MembershipIsComplete></Membership>'
 '</Memberships><Info><Handle><Id>1</Id><Type>Messenger</Type><ForeignId></ForeignId></Handle><InverseRequired>false</InverseRequired><IsBot>false</IsBot></Info><Changes></Changes><LastChange>2008-06-01T04:59:58.55-07:00</LastChange><Deleted>false</Deleted></Service></Services></FindMembershipResult></FindMembershipResponse></soap:Body></soap:Envelope>')
ab_req = ENV + '<soap:Header><ABApplicationHeader xmlns="' + AB + '"><ApplicationId>CFE80F9D-180F-4399-82AB-413F33A1FA11</ApplicationId><IsMigration>false</IsMigration><PartnerScenario>Initial</PartnerScenario></ABApplicationHeader><ABAuthHeader xmlns="' + AB + '"><ManagedGroupRequest>false</ManagedGroupRequest></ABAuthHeader></soap:Header><soap:Body><ABFindAll xmlns="' + AB + '"><abId>00000000-0000-0000-0000-000000000000</abId><abView>Full</abView><deltasOnly>false</deltasOnly><lastChange>0001-01-01T00:00:00.0000000-08:00</lastChange></ABFindAll></soap:Body></soap:Envelope>'
G1 = "f60efbe7-94af-4b16-b926-e4e10878d329"
def contact(cid, ctype, name, disp, groups=(), email=None):
    gi = ('<groupIds>' + ''.join(f'<guid>{g}</guid>' for g in groups) + '</groupIds>') if groups else ''
    pn = f'<passportName>{name}</passportName><IsPassportNameHidden>false</IsPassportNameHidden>' if name else ''
    em_ = f'<emails><ContactEmail><contactEmailType>Messenger2</contactEmailType><email>{email}</email><isMessengerEnabled>true</isMessengerEnabled><Capability>32</Capability></ContactEmail></emails>' if email else ''
    return f'<Contact><contactId>{cid}</contactId><contactInfo>{gi}<contactType>{ctype}</contactType><quickName>{disp}</quickName>{pn}<displayName>{disp}</displayName><puid>0</puid><isMessengerUser>true</isMessengerUser>{em_}</contactInfo><propertiesChanged></propertiesChanged><fDeleted>false</fDeleted><lastChange>2008-06-01T04:59:58.55-07:00</lastChange></Contact>'
ab_resp = (ENV + '<soap:Body><ABFindAllResponse xmlns="' + AB + '"><ABFindAllResult><groups><Group><groupId>' + G1 + '</groupId><groupInfo><groupType>c8529ce2-6ead-434d-881f-341e17db3ff8</groupType><name>Friends</name><IsNotMobileVisible>false</IsNotMobileVisible></groupInfo><propertiesChanged></propertiesChanged><fDeleted>false</fDeleted></Group></groups><contacts>'
 + contact("a0f1e1b2-0000-4000-8000-000000000001", "Me", "alice@hotmail.com", "Alice")
 + contact("b1a2c3d4-0000-4000-8000-000000000002", "Regular", "bob@hotmail.com", "Bob", [G1])
 + contact("c2b3d4e5-0000-4000-8000-000000000003", "Regular", "carol@msn.com", "Carol \u2665")
 + contact("d3c4e5f6-0000-4000-8000-000000000004", "Regular", None, "Dave", [G1], email="dave@yahoo.com")
 + '</contacts><ab><abId>00000000-0000-0000-0000-000000000000</abId><abInfo><ownerPuid>0</ownerPuid><ownerEmail>alice@hotmail.com</ownerEmail><fDefault>true</fDefault></abInfo><lastChange>2008-06-01T04:59:58.55-07:00</lastChange></ab></ABFindAllResult></ABFindAllResponse></soap:Body></soap:Envelope>')
conn("s1", 2002, "65.54.239.13:80", "2008-06-01T12:00:01.000000Z")
c("s1", 0.0, sreq("/abservice/SharingService.asmx", "contacts.msn.com", "http://www.msn.com/webservices/AddressBook/FindMembership", fm_req))
s("s1", 0.300, sresp(fm_resp, chunked=True))
c("s1", 0.320, sreq("/abservice/abservice.asmx", "contacts.msn.com", "http://www.msn.com/webservices/AddressBook/ABFindAll", ab_req))
s("s1", 0.650, sresp(ab_resp))
close("s1", 0.700)
# s2: OIM Store2
text = "See you tomorrow at 10 \u263a"
content = ("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: base64\r\n"
  "X-OIM-Message-Type: OfflineMessage\r\nX-OIM-Run-Id: {3A3BE82C-684D-4F4B-8E3B-E0A4AF8D5C9F}\r\nX-OIM-Sequence-Num: 1\r\n\r\n"
  + base64.b64encode(text.encode('utf-8')).decode())
OIM = "http://messenger.msn.com/ws/2004/09/oim/"
st_req = (ENV + '<soap:Header><From memberName="alice@hotmail.com" friendlyName="=?utf-8?B?QWxpY2U=?=" xml:lang="en-US" proxy="MSNMSGR" xmlns="' + OIM + '" msnpVer="MSNP15" buildVer="8.5.1288.816"/>'
  '<To memberName="bob@hotmail.com" xmlns="' + OIM + '"/><Ticket passport="t=EwCoAQ-invented-ticket&amp;p=" appid="PROD0119GSJUC$18" lockkey="7f0a1c4e2b1d9a8c6e5f4d3c2b1a0f9e" xmlns="' + OIM + '"/>'
  '<Sequence xmlns="http://schemas.xmlsoap.org/ws/2003/03/rm"><Identifier xmlns="http://schemas.xmlsoap.org/ws/2002/07/utility">http://messenger.msn.com</Identifier><MessageNumber>1</MessageNumber></Sequence></soap:Header>'
  '<soap:Body><MessageType xmlns="' + OIM + '">text</MessageType><Content xmlns="' + OIM + '">' + content + '</Content></soap:Body></soap:Envelope>')
st_resp = ENV + '<soap:Body><StoreResponse xmlns="' + OIM + '"/></soap:Body></soap:Envelope>'
conn("s2", 2003, "65.54.239.20:80", "2008-06-01T12:05:00.000000Z")
c("s2", 0.0, sreq("/OimWS/oim.asmx", "ows.messenger.msn.com", "http://messenger.live.com/ws/2006/09/oim/Store2", st_req))
s("s2", 0.200, sresp(st_resp))
close("s2", 0.220)
# s3: RSI GetMessage
got = "Are you coming to the party? \U0001F389"
gm_req = ENV + '<soap:Header><PassportCookie xmlns="http://www.hotmail.msn.com/ws/2004/09/oim/rsi"><t>invented</t><p>invented</p></PassportCookie></soap:Header><soap:Body><GetMessage xmlns="http://www.hotmail.msn.com/ws/2004/09/oim/rsi"><messageId>02C5D2BA-C0D5-4E69-8AB5-1C2C1A6C7D8E</messageId><alsoMarkAsRead>false</alsoMarkAsRead></GetMessage></soap:Body></soap:Envelope>'
mail = ("\n        From: =?utf-8?B?Q2Fyb2w=?= <carol@msn.com>\n        To: alice@hotmail.com\n        Subject: \n        X-OIM-Message-Type: OfflineMessage\n"
  "        X-OIM-Run-Id: {A1B2C3D4-E5F6-4711-8899-AABBCCDDEEFF}\n        X-OIM-Sequence-Num: 1\n        MIME-Version: 1.0\n        Content-Type: text/plain; charset=UTF-8\n"
  "        Content-Transfer-Encoding: base64\n        Date: 01 Jun 2008 04:58:11 -0700\n\n        " + base64.b64encode(got.encode('utf-8')).decode() + "\n      ")
mail = mail.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')
gm_resp = ENV + '<soap:Body><GetMessageResponse xmlns="http://www.hotmail.msn.com/ws/2004/09/oim/rsi"><GetMessageResult>' + mail + '</GetMessageResult></GetMessageResponse></soap:Body></soap:Envelope>'
conn("s3", 2004, "65.55.0.10:80", "2008-06-01T12:06:00.000000Z")
c("s3", 0.0, sreq("/rsi/rsi.asmx", "rsi.hotmail.com", "http://www.hotmail.msn.com/ws/2004/09/oim/rsi/GetMessage", gm_req))
s("s3", 0.180, sresp(gm_resp))
close("s3", 0.200)
open(sys.argv[1], 'w').write("\n".join(hdr + L) + "\n")
