"""Helpers for the gen.py scripts of the HTTP gateway and SOAP samples: .scn quoting and HTTP messages."""
# helpers to write .scn lines for HTTP exchanges
def esc(b):
    out = []
    for ch in b.decode('utf-8', errors='surrogateescape'):
        o = ord(ch)
        if ch == '\r': out.append('\\r')
        elif ch == '\n': out.append('\\n')
        elif ch == '"': out.append('\\"')
        elif ch == '\\': out.append('\\\\')
        elif ch == '\t': out.append('\\t')
        elif o < 0x20 or 0xdc80 <= o <= 0xdcff: out.append('\\x%02x' % (o & 0xff))
        else: out.append(ch)
    return '"' + ''.join(out) + '"'

def req(target, host, body=b'', extra=(), proxy=False):
    h = [f"POST {target} HTTP/1.1", "Accept: */*", "Accept-Language: en-us", "User-Agent: MSMSGS", f"Host: {host}"]
    h.append("Proxy-Connection: Keep-Alive" if proxy else "Connection: Keep-Alive")
    h += ["Pragma: no-cache", "Content-Type: application/x-msn-messenger"]
    h += list(extra)
    h.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(h) + "\r\n\r\n").encode() + body

def resp(body=b'', sid=None, gwip=None, close=False, chunks=None, extra=(), status="200 OK"):
    h = [f"HTTP/1.1 {status}", "Server: Microsoft-IIS/6.0", "Date: Sat, 18 Mar 2006 07:39:53 GMT"]
    if sid:
        x = f"X-MSN-Messenger: SessionID={sid}; GW-IP={gwip}"
        if close: x += "; Session=close"
        h.append(x)
    h += list(extra)
    h.append("Content-Type: application/x-msn-messenger")
    if chunks is not None:
        h.append("Transfer-Encoding: chunked")
        data = b''
        for c in chunks:
            data += b'%x\r\n' % len(c) + c + b'\r\n'
        data += b'0\r\n\r\n'
        return ("\r\n".join(h) + "\r\n\r\n").encode() + data
    h.append(f"Content-Length: {len(body)}")
    return ("\r\n".join(h) + "\r\n\r\n").encode() + body

def msg(header_line_fmt, mime):
    b = mime.encode('utf-8')
    return (header_line_fmt % len(b)).encode() + b
