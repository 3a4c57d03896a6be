#!/usr/bin/env python3
"""Builds the fuzz targets' seed inputs from the sample captures (samples/*/capture.pcap[ng]).

Each target reads its input through Jazzer's FuzzedDataProvider (FDP) or as plain bytes; FDP takes
byte strings from the front of the input and numbers and booleans from its end, so a seed is the
sliced bytes followed by the reversed control bytes. Usage: bench/fuzz_seeds.py (from the
repository root); it rewrites the seed-*.bin files of every target's Inputs directory and leaves
crash-* files (findings kept as regression inputs) alone.
"""
import base64, glob, gzip, os, re, struct, sys
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MAX_SEEDS = 24
MAX_SEED_BYTES = 16 << 10


def packets(path):
    """(linktype, frame bytes) of a pcap or pcapng file."""
    b = open(path, 'rb').read()
    magic = b[:4]
    if magic in (b'\xd4\xc3\xb2\xa1', b'\x4d\x3c\xb2\xa1', b'\xa1\xb2\xc3\xd4', b'\xa1\xb2\x3c\x4d'):
        e = '<' if magic in (b'\xd4\xc3\xb2\xa1', b'\x4d\x3c\xb2\xa1') else '>'
        link = struct.unpack(e + 'I', b[20:24])[0]
        i = 24
        while i + 16 <= len(b):
            incl = struct.unpack(e + 'I', b[i + 8:i + 12])[0]
            yield link, b[i + 16:i + 16 + incl]
            i += 16 + incl
    elif magic == b'\x0a\x0d\x0d\x0a':
        e = '<' if b[8:12] == b'\x4d\x3c\x2b\x1a' else '>'
        links = []
        i = 0
        while i + 12 <= len(b):
            t, ln = struct.unpack(e + 'II', b[i:i + 8])
            if ln < 12:
                break
            if t == 0x0A0D0D0A:
                links = []
            elif t == 1:
                links.append(struct.unpack(e + 'H', b[i + 8:i + 10])[0])
            elif t == 6:
                iface, _, _, cap = struct.unpack(e + 'IIII', b[i + 8:i + 24])
                yield links[iface] if iface < len(links) else 1, b[i + 28:i + 28 + cap]
            elif t == 3:
                yield links[0] if links else 1, b[i + 12:i - 4 + ln]
            i += ln


def ip_of(link, f):
    """The IP packet inside a frame, or None."""
    if link == 1:
        off, et = 14, f[12:14]
        while et in (b'\x81\x00', b'\x88\xa8'):
            et, off = f[off + 2:off + 4], off + 4
    elif link == 113:
        off, et = 16, f[14:16]
    elif link == 276:
        off, et = 20, f[0:2]
    elif link == 0:
        fam = struct.unpack('<I', f[:4])[0]
        off, et = 4, b'\x08\x00' if fam == 2 else b'\x86\xdd'
    elif link in (101, 228, 229):
        off, et = 0, b'\x08\x00' if f[0] >> 4 == 4 else b'\x86\xdd'
    else:
        return None
    return f[off:] if et in (b'\x08\x00', b'\x86\xdd') else None


def tcp_of(ip):
    """((src, sport, dst, dport), seq, flags, payload) or None."""
    if len(ip) < 20:
        return None
    if ip[0] >> 4 == 4:
        if ip[9] != 6:
            return None
        ihl = (ip[0] & 15) * 4
        total = struct.unpack('>H', ip[2:4])[0]
        src, dst, t = ip[12:16], ip[16:20], ip[ihl:total]
    elif ip[0] >> 4 == 6:
        if ip[6] != 6:
            return None
        src, dst, t = ip[8:24], ip[24:40], ip[40:40 + struct.unpack('>H', ip[4:6])[0]]
    else:
        return None
    if len(t) < 20:
        return None
    sp, dp, seq = struct.unpack('>HHI', t[:8])
    return (src, sp, dst, dp), seq, t[13], t[(t[12] >> 4) * 4:]


def streams(path):
    """{connection key: {True: client bytes, False: server bytes}} (in sequence order, retransmissions dropped)."""
    segs = defaultdict(list)
    for link, f in packets(path):
        ip = ip_of(link, f)
        r = ip and tcp_of(ip)
        if not r:
            continue
        (src, sp, dst, dp), seq, flags, payload = r
        segs[(src, sp, dst, dp)].append((seq, payload))
    out = {}
    for (src, sp, dst, dp), lst in segs.items():
        key = tuple(sorted([(src, sp), (dst, dp)]))
        client = sp > dp
        data, seen = bytearray(), set()
        for seq, p in sorted(lst):
            if p and seq not in seen:
                seen.add(seq)
                data += p
        out.setdefault(key, {})[client] = bytes(data)
        out[key]['port'] = min(sp, dp)
    return out


def fdp(front, numbers):
    """An FDP input: front bytes, then the control bytes so that they are consumed in the order given."""
    tail = bytearray()
    for nbytes, value in numbers:
        for k in range(nbytes):
            tail.append((value >> (8 * (nbytes - 1 - k))) & 0xFF)
    return bytes(front) + bytes(reversed(tail))


PAYLOAD_VERBS = {b'MSG', b'SDG', b'NFY', b'PUT', b'DEL', b'UUX', b'UBX', b'ADL', b'RML', b'GCF', b'UBN', b'UBM',
                 b'NOT', b'IPG', b'FQY', b'QRY', b'GET', b'CHG', b'UUN', b'PAG', b'LST', b'3', b'241', b'508'}


def msnp_payloads(stream):
    """(line, payload) of the commands in one MSNP direction."""
    i = 0
    while i < len(stream):
        e = stream.find(b'\r\n', i)
        if e < 0:
            return
        line = stream[i:e]
        i = e + 2
        toks = line.split(b' ')
        if toks and toks[0] in PAYLOAD_VERBS and toks[-1].isdigit():
            n = int(toks[-1])
            yield line, stream[i:i + n]
            i += n


def write(target, seeds):
    d = os.path.join(ROOT, target)
    os.makedirs(d, exist_ok=True)
    for f in glob.glob(os.path.join(d, 'seed-*')):
        os.remove(f)
    uniq = []
    for s in seeds:
        if s not in uniq and 0 < len(s) <= MAX_SEED_BYTES:
            uniq.append(s)
    uniq.sort(key=len)
    step = max(1, len(uniq) // MAX_SEEDS)
    chosen = uniq[::step][:MAX_SEEDS]
    for n, s in enumerate(chosen):
        open(os.path.join(d, 'seed-%02d.bin' % n), 'wb').write(s)
    print('%-95s %3d seeds %7d bytes' % (target, len(chosen), sum(map(len, chosen))))


def pieces(data, most):
    return [data[i:i + most] for i in range(0, len(data), most)]


def pieced_seed(stream, head, op, most):
    """FDP input of a target that reads a header of numbers, then (op, length, bytes) per piece."""
    front, nums = bytearray(), list(head)
    for piece in pieces(stream, most):
        front += piece
        nums += [(1, op), (2, len(piece) - 1)]
    return fdp(front, nums)


def main():
    caps = sorted(glob.glob(os.path.join(ROOT, 'samples', '*', 'capture.pcap*')))
    small_caps = [open(c, 'rb').read() for c in caps if os.path.getsize(c) <= MAX_SEED_BYTES]
    all_streams = []
    for c in caps:
        all_streams.extend(streams(c).values())
    msnp = [s for s in all_streams if s['port'] in (1863,)]
    http = [s for s in all_streams if s['port'] in (80, 443)]
    other = [s for s in all_streams if s['port'] not in (1863, 80, 443)]

    payloads = [p for s in msnp for d in (True, False) for _, p in msnp_payloads(s.get(d, b''))]
    p2p_bodies = []
    for p in payloads:
        if b'application/x-msnmsgrp2p' in p[:600]:
            h = p.find(b'\r\n\r\n')
            if h >= 0:
                p2p_bodies.append(p[h + 4:])
    slp = []
    for b in p2p_bodies:
        m = re.search(rb'(INVITE |MSNSLP/|BYE |ACK )', b)
        if m:
            body = b[m.start():]
            slp.append(body.split(b'\x00')[0] + b'\x00')
    contexts = []
    for s in slp:
        m = re.search(rb'Context: ([A-Za-z0-9+/=]+)', s)
        if m:
            try:
                contexts.append(base64.b64decode(m.group(1) + b'=' * (-len(m.group(1)) % 4)))
            except ValueError:
                pass

    t = 'capture/src/test/resources/org/msnscope/capture/read/CaptureReaderFuzzTestInputs/readCapture'
    gzipped = [gzip.compress(c, mtime=0) for c in sorted(small_caps, key=len)[:4]]
    write(t, [fdp(c, [(3, 4096)]) for c in small_caps + gzipped])
    write('decoder/src/test/resources/org/msnscope/decoder/DecoderFuzzTestInputs/captureFile', small_caps)

    def tcp_seed(s, port_index):
        front, nums = bytearray(), [(1, port_index), (1, 1)]
        for d in (True, False):
            for piece in pieces(s.get(d, b''), 1400):
                front += piece
                nums += [(1, 1 if d else 0), (1, 2), (2, len(piece) - 1)]
        return fdp(front, nums)
    write('decoder/src/test/resources/org/msnscope/decoder/DecoderFuzzTestInputs/tcpStreams',
          [tcp_seed(s, 0) for s in msnp] + [tcp_seed(s, 1) for s in http] + [tcp_seed(s, 2) for s in other])

    write('decoder/src/test/resources/org/msnscope/decoder/msnp/frame/MsnpFramerFuzzTestInputs/frame',
          [pieced_seed(s[d][:8000], [(1, 1 if d else 0), (1, 0)], 2, 600) for s in msnp for d in (True, False) if d in s])

    mime = [p for p in payloads if b': ' in p[:200]]
    write('decoder/src/test/resources/org/msnscope/decoder/msnp/mime/MimeFuzzTestInputs/mime',
          [fdp(p, [(1, 64)]) for p in mime])
    blocks = [p for p in payloads if p.startswith(b'Routing:')]
    write('decoder/src/test/resources/org/msnscope/decoder/msnp/mime/MimeFuzzTestInputs/headerBlocks',
          [fdp(p, [(1, 63), (2, 16383)]) for p in blocks])
    xml = [p[p.find(b'<'):] for p in payloads if b'<' in p and b'>' in p]
    write('decoder/src/test/resources/org/msnscope/decoder/msnp/mime/MimeFuzzTestInputs/xml', xml)
    tokens = []
    for s in msnp:
        for d in (True, False):
            tokens += re.findall(rb'%3Cmsnobj[^ \r\n]*', s.get(d, b''))
    for p in payloads:
        tokens += re.findall(rb'<msnobj[^>]*/>', p)
    write('decoder/src/test/resources/org/msnscope/decoder/msnp/command/MsnObjectFuzzTestInputs/parse', tokens)

    def sb_seed(bodies):
        front, nums = bytearray(), []
        for b in bodies[:12]:
            front += b[:3000]
            nums += [(1, 0), (1, 1), (1, 0), (2, min(len(b), 3000))]
        return fdp(front, nums)
    groups = defaultdict(list)
    for s in msnp:
        for d in (True, False):
            for _, p in msnp_payloads(s.get(d, b'')):
                if b'application/x-msnmsgrp2p' in p[:600]:
                    groups[id(s)].append(p[p.find(b'\r\n\r\n') + 4:])
    write('decoder/src/test/resources/org/msnscope/decoder/p2p/P2pFuzzTestInputs/switchboard',
          [sb_seed(g) for g in groups.values()] + [sb_seed([b]) for b in p2p_bodies[:16]])
    write('decoder/src/test/resources/org/msnscope/decoder/p2p/P2pFuzzTestInputs/slp', slp)
    write('decoder/src/test/resources/org/msnscope/decoder/p2p/P2pFuzzTestInputs/fileContext', contexts)

    write('decoder/src/test/resources/org/msnscope/decoder/http/HttpParserFuzzTestInputs/parse',
          [pieced_seed(s[d][:12000], [(1, 1 if d else 0), (1, 0)], 1, 1500) for s in http for d in (True, False) if d in s])


if __name__ == '__main__':
    sys.exit(main())
