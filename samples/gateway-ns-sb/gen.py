# Writes scenario.scn for this sample: python3 gen.py scenario.scn
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from http_scenarios import *
GW = "207.46.110.18"; CL = "192.168.1.30"
L = []
def conn(name, cport, server, t, knobs=""):
    L.append(f"conn {name} {CL}:{cport} {server} {t}{(' ' + knobs) if knobs else ''}")
def c(name, t, data): L.append(f"{name} +{t:.6f} c2s {esc(data)}")
def s(name, t, data): L.append(f"{name} +{t:.6f} s2c {esc(data)}")
def close(name, t): L.append(f"{name} +{t:.6f} close c2s fin")
NS = "954547325"
def ns(n): return f"{NS}.{n}"
profile = ("MIME-Version: 1.0\r\nContent-Type: text/x-msmsgsprofile; charset=UTF-8\r\nLoginTime: 1142667593\r\n"
  "EmailEnabled: 1\r\nMemberIdHigh: 84736\r\nMemberIdLow: -1434591437\r\nlang_preference: 1033\r\n"
  "preferredEmail: alice@hotmail.com\r\ncountry: US\r\nPostalCode: \r\nGender: \r\nKid: 0\r\nAge: \r\nBDayPre: \r\n"
  "Birthday: \r\nWallet: \r\nFlags: 1027\r\nsid: 507\r\nkv: 5\r\nMSPAuth: 5eKBBC!yBH6ex5mftp!a9DrSb0B3hU8aqAWpaPaa6WtkAhYqUy77thPCFK4emk5eVnkILYCFJ6Ckd7u6$$\r\n"
  "ClientIP: 81.2.69.160\r\nClientPort: 0\r\n\r\n")
hdr = [
"# MSNP8 through the MSN HTTP gateway: an NS session and an SB session, each rebuilt from many",
"# HTTP requests over several keep-alive connections, one of them through a proxy (absolute-URI",
"# requests, pipelined). After the examples of hypothetic.org general/http_connections.php and",
"# general/http_examples.php and the NINA wiki Protocols/MSNP/Gateway page; accounts, addresses,",
"# tickets and SessionIDs are invented. Generated: see README.md.",
"option seed 21", "option link ethernet", "option format pcap"]
# h1: the opening request to gateway.messenger.hotmail.com, origin form
conn("h1", 1101, "65.54.52.62:80", "2006-03-18T07:39:53.100000Z")
c("h1", 0.0, req("/gateway/gateway.dll?Action=open&Server=NS&IP=messenger.hotmail.com", "gateway.messenger.hotmail.com", b"VER 5 MSNP8 CVR0\r\n"))
s("h1", 0.110, resp(b"VER 5 MSNP8\r\n", ns(13160), GW, extra=["Connection: close"]))
close("h1", 0.120)
# h2: keep-alive to the GW-IP the answer named; the SessionID changes with every answer
conn("h2", 1102, f"{GW}:80", "2006-03-18T07:39:53.400000Z")
t = 0.0
c("h2", t, req(f"/gateway/gateway.dll?SessionID={ns(13160)}", GW, b"CVR 6 0x0409 winnt 5.1 i386 MSNMSGR 5.0.0540 MSMSGS alice@hotmail.com\r\n"))
cvr = b"CVR 6 5.0.0540 5.0.0540 1.0.0863 http://download.microsoft.com/download/msnmessenger/install/5.0/w98nt42kmexp/en-us/setupdl.exe http://messenger.microsoft.com\r\n"
s("h2", 0.090, resp(sid=ns(20001), gwip=GW, chunks=[cvr[:40], cvr[40:]]))
c("h2", 0.100, req(f"/gateway/gateway.dll?SessionID={ns(20001)}", GW, b"USR 7 TWN I alice@hotmail.com\r\n"))
s("h2", 0.190, resp(b"USR 7 TWN S lc=1033,id=507,tw=40,fs=1,ru=http%3A%2F%2Fmessenger%2Emsn%2Ecom,ct=1142667591,kpp=1,kv=5,ver=2.1.0173.1,tpf=43f8a4c8ed940c04e3740be46c4d1619\r\n", ns(20002), GW))
c("h2", 1.700, req(f"/gateway/gateway.dll?SessionID={ns(20002)}", GW, b"USR 8 TWN S t=53*1hAu8ADuD3TEwdXoOMi08sD*2!cMrntTwVMTjoB3p6stWTqzbkKZPVQzA5NOt19SLI60PY!b8K4YhC!Ooo5ug$$&p=5eKBBC!yBH6ex5mftp!a9DrSb0B3hU8aqAWpaPaa6WtkAhYqUy77thPCFK4emk5eVnkILYCFJ6Ckd7u6$\r\n"))
s("h2", 1.800, resp(b"USR 8 OK alice@hotmail.com Alice 1 0\r\n" + msg("MSG Hotmail Hotmail %d\r\n", profile), ns(20003), GW))
c("h2", 1.820, req(f"/gateway/gateway.dll?SessionID={ns(20003)}", GW, b"CHG 9 NLN 268435492\r\n"))
s("h2", 1.910, resp(sid=ns(20004), gwip=GW, chunks=[b"CHG 9 NLN 268435492\r\nILN 9 NLN bob@hotmail.com Bob 268435492\r\n"]))
c("h2", 3.910, req(f"/gateway/gateway.dll?Action=poll&SessionID={ns(20004)}", GW))
s("h2", 4.000, resp(b"", ns(20005), GW))
c("h2", 5.100, req(f"/gateway/gateway.dll?SessionID={ns(20005)}", GW, b"XFR 10 SB\r\n"))
s("h2", 5.190, resp(b"XFR 10 SB 207.46.108.13:1863 CKI 214963.1047973248.28908\r\n", ns(20006), GW))
close("h2", 5.300)
# h3: through a proxy: absolute-URI targets; the SB session opens, an NS poll is pipelined behind an SB request
SB = "1129817"
def sb(n): return f"{SB}.{n}"
PX = "10.0.0.8:8080"
conn("h3", 1103, PX, "2006-03-18T07:39:58.700000Z")
c("h3", 0.0, req("http://gateway.messenger.hotmail.com/gateway/gateway.dll?Action=open&Server=SB&IP=207.46.108.13", "gateway.messenger.hotmail.com", b"USR 1 alice@hotmail.com 214963.1047973248.28908\r\n", proxy=True))
s("h3", 0.120, resp(b"USR 1 OK alice@hotmail.com Alice\r\n", sb(5001), GW, extra=["Proxy-Connection: keep-alive"]))
c("h3", 0.130, req(f"http://{GW}/gateway/gateway.dll?SessionID={sb(5001)}", GW, b"CAL 2 bob@hotmail.com\r\n", proxy=True)
  + req(f"http://{GW}/gateway/gateway.dll?Action=poll&SessionID={ns(20006)}", GW, proxy=True))
s("h3", 0.230, resp(b"CAL 2 RINGING 1129817\r\n", sb(5002), GW) + resp(b"", ns(20007), GW))
c("h3", 2.230, req(f"http://{GW}/gateway/gateway.dll?Action=poll&SessionID={sb(5002)}", GW, proxy=True))
s("h3", 2.330, resp(sid=sb(5003), gwip=GW, chunks=[b"JOI bob@hotmail.com Bob\r\n"]))
hi = "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nX-MMS-IM-Format: FN=Tahoma; EF=; CO=0; CS=0; PF=22\r\n\r\nHi Bob, through the gateway!"
c("h3", 3.000, req(f"http://{GW}/gateway/gateway.dll?SessionID={sb(5003)}", GW, msg("MSG 3 A %d\r\n", hi), proxy=True))
s("h3", 3.100, resp(b"ACK 3\r\n", sb(5004), GW))
c("h3", 5.100, req(f"http://{GW}/gateway/gateway.dll?Action=poll&SessionID={sb(5004)}", GW, proxy=True))
reply = "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nX-MMS-IM-Format: FN=Arial; EF=B; CO=ff0000; CS=0; PF=22\r\n\r\nHi Alice \u2014 polling works \U0001F600"
rb = msg("MSG bob@hotmail.com Bob %d\r\n", reply)
s("h3", 5.200, resp(sid=sb(5005), gwip=GW, chunks=[rb[:30], rb[30:90], rb[90:]]))
c("h3", 6.000, req(f"http://{GW}/gateway/gateway.dll?SessionID={sb(5005)}", GW, b"OUT\r\n", proxy=True))
s("h3", 6.090, resp(b"", sb(5006), GW, close=True))
close("h3", 6.200)
# h4: a new connection carries the NS session on; the client signs out
conn("h4", 1104, f"{GW}:80", "2006-03-18T07:40:06.000000Z")
c("h4", 0.0, req(f"/gateway/gateway.dll?SessionID={ns(20007)}", GW, b"OUT\r\n"))
s("h4", 0.090, resp(b"", ns(20008), GW, close=True))
close("h4", 0.100)
open(sys.argv[1], 'w').write("\n".join(hdr + L) + "\n")
