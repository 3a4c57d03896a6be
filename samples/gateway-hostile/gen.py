# Writes scenario.scn for this sample: python3 gen.py scenario.scn
import os, sys
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from http_scenarios import *
GW = "207.46.110.18"; CL = "192.168.1.50"
L = []
def conn(name, cport, server, t): L.append(f"conn {name} {CL}:{cport} {server} {t}")
def c(name, t, data): L.append(f"{name} +{t:.6f} c2s {esc(data)}")
def s(name, t, data): L.append(f"{name} +{t:.6f} s2c {esc(data)}")
def close(name, t, how="fin"): L.append(f"{name} +{t:.6f} close c2s {how}")
hdr = ["# What an HTTP gateway decoder must not trust: a web page fetched on port 80 (not the gateway: it",
"# stays quiet), a gateway session whose answer is cut short of its Content-Length by the end of the",
"# connection, a chunk size in the billions followed by a request that must still be decoded,",
"# garbage between two requests, a response no request asked for, a SessionID no answer gave, and a",
"# gateway answer without its X-MSN-Messenger header. Invented addresses and ids. See README.md.",
"option seed 66", "option link ethernet", "option format pcap"]
# w1: ordinary web traffic on port 80, keep-alive, two requests: no events beyond the flow
conn("w1", 3001, "93.184.216.34:80", "2007-01-10T10:00:00.000000Z")
c("w1", 0.0, b"GET /index.html HTTP/1.1\r\nHost: www.example.com\r\nUser-Agent: Mozilla/4.0\r\n\r\n")
page = b"<html><body>not MSN</body></html>"
s("w1", 0.05, b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % len(page) + page)
c("w1", 0.10, b"POST /form HTTP/1.1\r\nHost: www.example.com\r\nContent-Length: 5\r\n\r\nhello")
s("w1", 0.15, b"HTTP/1.1 302 Found\r\nLocation: /\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFF\r\ngarbage")
close("w1", 0.20)
# g1: an NS session opened; the answer announces 60 bytes and the connection closes after 13
conn("g1", 3002, f"{GW}:80", "2007-01-10T10:00:01.000000Z")
c("g1", 0.0, req("/gateway/gateway.dll?Action=open&Server=NS&IP=messenger.hotmail.com", "gateway.messenger.hotmail.com", b"VER 1 MSNP9 CVR0\r\n"))
short = b"VER 1 MSNP9\r\nCVR 2 6.2.0208 6.2.0208 6.2.0208 http://x.example"
cut = resp(short, "4242.1", GW).replace(b"Content-Length: %d" % len(short), b"Content-Length: %d" % (len(short) + 27))
assert b"Content-Length: %d" % (len(short) + 27) in cut
s("g1", 0.10, cut)
close("g1", 0.20, "rst")
# g2: the session goes on; a giant chunk size, then a pipelined request that must still be read
conn("g2", 3003, f"{GW}:80", "2007-01-10T10:00:02.000000Z")
c("g2", 0.0, req(f"/gateway/gateway.dll?SessionID=4242.1", GW, b"CVR 2 0x0409 winnt 5.1 i386 MSNMSGR 6.2.0208 MSMSGS eve@hotmail.com\r\n"))
s("g2", 0.10, b"HTTP/1.1 200 OK\r\nX-MSN-Messenger: SessionID=4242.2; GW-IP=" + GW.encode() + b"\r\nContent-Type: application/x-msn-messenger\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFF\r\nUSR 3 TWN S lc=1033\r\n"
  + resp(b"USR 3 TWN S lc=1033,id=507\r\n", "4242.3", GW))
c("g2", 0.20, b"\x00\x01\x02garbage that is no HTTP\r\n\xff\xfe\r\n" + req(f"/gateway/gateway.dll?SessionID=4242.3", GW, b"USR 4 TWN S t=abc&p=def\r\n"))
s("g2", 0.30, resp(b"USR 4 OK eve@hotmail.com Eve 1 0\r\n", "4242.4", GW) + resp(b"OUT\r\n", "4242.99", GW))
close("g2", 0.40)
# g3: a SessionID nobody opened (decoded as a session picked up midway), then an answer without its header
conn("g3", 3004, f"{GW}:80", "2007-01-10T10:00:03.000000Z")
c("g3", 0.0, req(f"/gateway/gateway.dll?SessionID=777.1", GW, msg("MSG 5 N %d\r\n", "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\nX-MMS-IM-Format: FN=Arial\r\n\r\nWho opened me?")))
s("g3", 0.10, b"HTTP/1.1 200 OK\r\nContent-Type: application/x-msn-messenger\r\nContent-Length: 0\r\n\r\n")
close("g3", 0.20)
open(sys.argv[1], 'w').write("\n".join(hdr + L) + "\n")
