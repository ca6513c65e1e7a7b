"""Sprig's crypto, UUID and network functions (``crypto.go``, ``network.go``).

Keys and X.509 certificates come from the ``cryptography`` package (OpenSSL)
and are shaped like Go's: the same PEM block types (``RSA PRIVATE KEY``,
``EC PRIVATE KEY``, ``DSA PRIVATE KEY``, PKCS#8 ``PRIVATE KEY`` for
ed25519), the same certificate template (128-bit serial, CN-only subject,
key usages, server+client auth, SANs, SKID on CAs). ``derivePassword``
(Master Password) and the AES helpers are deterministic apart from the IV
and match Go byte for byte, including the panics Go turns into errors.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import os
import re
import secrets
import struct
import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import bcrypt as _bcrypt
from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed25519, rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from ..gotemplate.gotypes import GoError, GoObject
from .registry import gofunc


def _bytes(s: str) -> bytes:
    return s.encode("utf-8", "surrogateescape")


def _str(b: bytes) -> str:
    return b.decode("utf-8", "surrogateescape")


# ------------------------------------------------------------ passwords

@gofunc("bcrypt", params=("string",), returns="string", has_error=False,
        signature="bcrypt STRING", doc="bcrypt hash of STRING ($2a$, cost 10), salted at random.")
def bcrypt_hash(password: str) -> str:
    pw = _bytes(password)
    if len(pw) > 72:
        return "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes"
    return _str(_bcrypt.hashpw(pw, _bcrypt.gensalt(rounds=10, prefix=b"2a")))


@gofunc("htpasswd", params=("string", "string"), returns="string", has_error=False,
        signature="htpasswd USER PASSWORD", doc="An htpasswd line USER:<bcrypt hash of PASSWORD> for basic auth.")
def htpasswd(username: str, password: str) -> str:
    if ":" in username:
        return f"invalid username: {username}"
    return f"{username}:{bcrypt_hash(password)}"


_MP_SEED = b"com.lyndir.masterpassword"
_MP_TEMPLATES = {
    "maximum": ("anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"),
    "long": ("CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv",
             "CvccCvcvCvcvno", "CvcvnoCvccCvcv", "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc",
             "CvcvCvcvnoCvcc", "CvcvCvcvCvccno", "CvccnoCvccCvcv", "CvccCvccnoCvcv", "CvccCvccCvcvno",
             "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno", "CvccnoCvcvCvcc", "CvccCvcvnoCvcc",
             "CvccCvcvCvccno"),
    "medium": ("CvcnoCvc", "CvcCvcno"),
    "short": ("Cvcn",),
    "basic": ("aaanaaan", "aannaaan", "aaannaaa"),
    "pin": ("nnnn",),
}
_MP_CHARS = {
    "V": "AEIOU", "C": "BCDFGHJKLMNPQRSTVWXYZ", "v": "aeiou", "c": "bcdfghjklmnpqrstvwxyz",
    "A": "AEIOUBCDFGHJKLMNPQRSTVWXYZ", "a": "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz",
    "n": "0123456789", "o": "@&%?,=[]_:-+*$#!'^~;()/.",
    "x": "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()",
}


@gofunc("derivePassword", params=("uint32", "string", "string", "string", "string"), returns="string",
        has_error=False, signature="derivePassword COUNTER TYPE PASSWORD USER SITE",
        doc="Master Password algorithm: a site password of TYPE (maximum, long, medium, short, basic, pin) derived from PASSWORD, USER and SITE.")
def derive_password(counter: int, password_type: str, password: str, user: str, site: str) -> str:
    templates = _MP_TEMPLATES.get(password_type)
    if templates is None:
        return f"cannot find password template {password_type}"
    user_b, site_b = _bytes(user), _bytes(site)
    key = hashlib.scrypt(_bytes(password), salt=_MP_SEED + struct.pack(">I", len(user_b)) + user_b,
                         n=32768, r=8, p=2, dklen=64, maxmem=128 * 32768 * 8 * 2 + (1 << 20))
    seed = hmac.new(key, _MP_SEED + struct.pack(">I", len(site_b)) + site_b
                    + struct.pack(">I", counter & 0xFFFFFFFF), hashlib.sha256).digest()
    template = templates[seed[0] % len(templates)]
    return "".join(_MP_CHARS[c][seed[i + 1] % len(_MP_CHARS[c])] for i, c in enumerate(template))


# ------------------------------------------------------------ random values

@gofunc("randBytes", params=("int",), returns="string", signature="randBytes COUNT",
        doc="COUNT cryptographically random bytes, base64-encoded.")
def rand_bytes(count: int) -> str:
    if count < 0:
        raise GoError("runtime error: makeslice: len out of range")
    return base64.b64encode(os.urandom(count)).decode("ascii")


@gofunc("uuidv4", returns="string", has_error=False, signature="uuidv4",
        doc="A random (version 4) UUID such as 3e8c9c0e-2f4a-4b8e-9d6f-1a2b3c4d5e6f.")
def uuidv4() -> str:
    return str(uuid.uuid4())


@gofunc("getHostByName", params=("string",), returns="string", has_error=False,
        signature="getHostByName NAME",
        doc="Always \"\": Helm resolves names only with --enable-dns, and chartlsp never touches the network.")
def get_host_by_name(name: str) -> str:
    return ""


# ------------------------------------------------------------------ AES

def _aes_key(password: str) -> bytes:
    return _bytes(password)[:32].ljust(32, b"\0")


@gofunc("encryptAES", params=("string", "string"), returns="string",
        signature="encryptAES PASSWORD PLAINTEXT",
        doc="AES-256-CBC encrypts PLAINTEXT with PASSWORD (zero-padded key, random IV prefix), base64-encoded.")
def encrypt_aes(password: str, plaintext: str) -> str:
    if plaintext == "":
        return ""
    content = _bytes(plaintext)
    pad = 16 - len(content) % 16
    iv = os.urandom(16)
    enc = Cipher(algorithms.AES(_aes_key(password)), modes.CBC(iv)).encryptor()
    return base64.b64encode(iv + enc.update(content + bytes([pad]) * pad) + enc.finalize()).decode("ascii")


_B64 = {c: i for i, c in enumerate(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")}


def b64decode_go(text: str) -> bytes:
    """``base64.StdEncoding.DecodeString`` with Go's error positions (newlines are skipped)."""
    src = _bytes(text)
    out = bytearray()
    si, n = 0, len(src)

    def corrupt(pos: int) -> GoError:
        return GoError(f"illegal base64 data at input byte {pos}")

    while True:
        quantum, j, trailing = [0, 0, 0, 0], 0, None
        while j < 4:
            if si == n:
                if j == 0:
                    return bytes(out)
                raise corrupt(si - j)
            c = src[si]
            si += 1
            if c in (10, 13):
                continue
            v = _B64.get(c)
            if v is not None:
                quantum[j] = v
                j += 1
                continue
            if c != 61 or j < 2:  # not '=', or padding too early
                raise corrupt(si - 1)
            if j == 2:
                while si < n and src[si] in (10, 13):
                    si += 1
                if si == n:
                    raise corrupt(n)
                if src[si] != 61:
                    raise corrupt(si - 1)
                si += 1
            while si < n and src[si] in (10, 13):
                si += 1
            if si < n:
                trailing = si
            break
        val = quantum[0] << 18 | quantum[1] << 12 | quantum[2] << 6 | quantum[3]
        out += val.to_bytes(3, "big")[:max(j - 1, 0)]
        if trailing is not None:
            raise corrupt(trailing)
        if j < 4:
            return bytes(out)


@gofunc("decryptAES", params=("string", "string"), returns="string",
        signature="decryptAES PASSWORD CIPHERTEXT", doc="Decrypts base64 CIPHERTEXT made by encryptAES with PASSWORD.")
def decrypt_aes(password: str, crypt64: str) -> str:
    if crypt64 == "":
        return ""
    crypt = b64decode_go(crypt64)
    capacity = len(_bytes(crypt64)) // 4 * 3
    if capacity < 16:
        raise GoError(f"runtime error: slice bounds out of range [:16] with capacity {capacity}")
    if len(crypt) < 16:
        raise GoError(f"runtime error: slice bounds out of range [16:{len(crypt)}]")
    iv, body = crypt[:16], crypt[16:]
    if len(body) % 16:
        raise GoError("crypto/cipher: input not full blocks")
    dec = Cipher(algorithms.AES(_aes_key(password)), modes.CBC(iv)).decryptor()
    plain = dec.update(body) + dec.finalize()
    if not plain:
        raise GoError("runtime error: index out of range [-1]")
    end = len(plain) - plain[-1]
    if end < 0:
        raise GoError(f"runtime error: slice bounds out of range [:{end}]")
    return _str(plain[:end])


# ------------------------------------------------------------ keys and PEM

PrivateKey = Any  # rsa / dsa / ec / ed25519 private keys from cryptography


def _pem(block_type: str, der: bytes) -> str:
    body = base64.b64encode(der).decode("ascii")
    lines = "".join(body[i:i + 64] + "\n" for i in range(0, len(body), 64))
    return f"-----BEGIN {block_type}-----\n{lines}-----END {block_type}-----\n"


def pem_for_key(key: PrivateKey) -> str:
    """Sprig's pemBlockForKey: PKCS#1 / SEC 1 / DSA blocks, PKCS#8 for other keys."""
    if isinstance(key, rsa.RSAPrivateKey):
        block = "RSA PRIVATE KEY"
    elif isinstance(key, ec.EllipticCurvePrivateKey):
        block = "EC PRIVATE KEY"
    elif isinstance(key, dsa.DSAPrivateKey):
        block = "DSA PRIVATE KEY"
    else:
        return _pem("PRIVATE KEY", key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                                                     serialization.NoEncryption()))
    return _pem(block, key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.TraditionalOpenSSL,
                                         serialization.NoEncryption()))


_PEM_RE = re.compile(rb"-----BEGIN ([^\r\n]*)-----[ \t]*\r?\n(.*?)-----END \1-----", re.DOTALL)


def pem_decode(data: str) -> tuple[str, bytes] | None:
    """``pem.Decode``: the first well-formed block (type, DER) or None."""
    for m in _PEM_RE.finditer(_bytes(data)):
        lines = m.group(2).split(b"\n")
        if any(b":" in line for line in lines):  # RFC 1421 headers end at the first blank line
            blank = next((i for i, line in enumerate(lines) if not line.strip()), None)
            if blank is None:
                continue
            lines = lines[blank + 1:]
        try:
            return _str(m.group(1)), base64.b64decode(b"".join(line.strip() for line in lines), validate=True)
        except ValueError:
            continue
    return None


_KEY_KINDS = {"RSA": rsa.RSAPrivateKey, "EC": ec.EllipticCurvePrivateKey, "DSA": dsa.DSAPrivateKey}


def parse_private_key_pem(data: str) -> PrivateKey:
    """Sprig's parsePrivateKeyPEM, with its error texts (the inner causes are OpenSSL's)."""
    block = pem_decode(data)
    if block is None:
        raise GoError("no PEM data in input")
    block_type, der = block
    if block_type == "PRIVATE KEY":
        try:
            return serialization.load_der_private_key(der, None)
        except (ValueError, TypeError, UnsupportedAlgorithm) as e:
            raise GoError(f"decoding PEM as PKCS#8: {e}") from None
    if not block_type.endswith(" PRIVATE KEY"):
        raise GoError(f"no private key data in PEM block of type {block_type}")
    kind = block_type[:-12]
    expected = _KEY_KINDS.get(kind)
    if expected is None:
        raise GoError(f"invalid private key type {block_type}")
    try:
        key = serialization.load_der_private_key(der, None)
    except (ValueError, TypeError, UnsupportedAlgorithm) as e:
        raise GoError(f"parsing {kind} private key from PEM: {e}") from None
    if not isinstance(key, expected):
        raise GoError(f"parsing {kind} private key from PEM: not a {kind} key")
    return key


@gofunc("genPrivateKey", params=("string",), returns="string", has_error=False,
        signature="genPrivateKey TYPE",
        doc="A new PEM private key: rsa (4096 bits, also for \"\"), dsa, ecdsa (P-256) or ed25519.")
def gen_private_key(key_type: str) -> str:
    if key_type in ("", "rsa"):
        key: PrivateKey = rsa.generate_private_key(public_exponent=65537, key_size=4096)
    elif key_type == "dsa":
        key = dsa.generate_private_key(key_size=2048)
    elif key_type == "ecdsa":
        key = ec.generate_private_key(ec.SECP256R1())
    elif key_type == "ed25519":
        key = ed25519.Ed25519PrivateKey.generate()
    else:
        return "Unknown type " + key_type
    return pem_for_key(key)


# ------------------------------------------------------------ certificates

class Certificate(GoObject):
    """Sprig's ``certificate`` struct: PEM ``Cert`` and ``Key``."""

    go_type = "sprig.certificate"
    go_kind = "struct"

    def __init__(self, cert: str, key: str) -> None:
        self.cert, self.key = cert, key

    def go_field(self, name: str) -> Any:
        if name == "Cert":
            return self.cert
        if name == "Key":
            return self.key
        raise KeyError(name)

    def go_fields(self) -> list[tuple[str, Any]]:
        return [("Cert", self.cert), ("Key", self.key)]

    def __repr__(self) -> str:
        return f"Certificate(cert={self.cert[:40]!r}…)"


def _go_v(v: Any) -> str:
    """``%v`` of a template value, for Sprig's "X is not a string" messages."""
    if v is None:
        return "<nil>"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        if v != v or v in (float("inf"), float("-inf")):
            return "NaN" if v != v else ("+Inf" if v > 0 else "-Inf")
        if v == 0:
            return "-0" if repr(v)[0] == "-" else "0"
        sign, digits, exp = Decimal(repr(v)).as_tuple()
        d = "".join(map(str, digits)).rstrip("0")
        e = len(digits) + int(exp) - 1
        minus = "-" if sign else ""
        if e < -4 or e >= 6:  # strconv 'g' with shortest precision
            return f"{minus}{d[0]}{'.' + d[1:] if len(d) > 1 else ''}e{'-' if e < 0 else '+'}{abs(e):02d}"
        text = f"{Decimal(repr(abs(v))):f}"
        return minus + (text.rstrip("0").rstrip(".") if "." in text else text)
    if isinstance(v, dict):
        return "map[" + " ".join(f"{k}:{_go_v(v[k])}" for k in sorted(v)) + "]"
    if isinstance(v, (list, tuple)):
        return "[" + " ".join(_go_v(x) for x in v) + "]"
    return str(v)


def _ips(values: list[Any] | None) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    out = []
    for v in values or ():
        if not isinstance(v, str):
            raise GoError(f"error parsing ip: {_go_v(v)} is not a string")
        try:
            if "%" in v:
                raise ValueError(v)
            ip = ipaddress.ip_address(v)
        except ValueError:
            raise GoError(f"error parsing ip: {v}") from None
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped  # Go marshals IPv4 in its 4-byte form
        out.append(ip)
    return out


def _dns_names(values: list[Any] | None) -> list[str]:
    out = []
    for v in values or ():
        if not isinstance(v, str):
            raise GoError(f"error processing alternate dns name: {_go_v(v)} is not a string")
        out.append(v)
    return out


def _signing_hash(key: PrivateKey) -> hashes.HashAlgorithm | None:
    if isinstance(key, ec.EllipticCurvePrivateKey):
        size = key.curve.key_size
        return hashes.SHA512() if size > 384 else hashes.SHA384() if size > 256 else hashes.SHA256()
    return None if isinstance(key, ed25519.Ed25519PrivateKey) else hashes.SHA256()


def _public_bytes(key: Any) -> bytes:
    return key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def _create_certificate(cn: str, ips: list[Any] | None, dns: list[Any] | None, days: int,
                        signee: PrivateKey, parent: x509.Certificate | None, signer: PrivateKey,
                        is_ca: bool = False) -> Certificate:
    """Sprig's getBaseCertTemplate + getCertAndKey via x509.CreateCertificate."""
    ip_list, dns_list = _ips(ips), _dns_names(dns)
    if isinstance(signer, dsa.DSAPrivateKey):
        raise GoError("error creating certificate: x509: certificate private key does not implement crypto.Signer")
    public = signee.public_key()
    if isinstance(public, dsa.DSAPublicKey):
        raise GoError("error creating certificate: x509: unsupported public key type: *dsa.PublicKey")
    if parent is not None and _public_bytes(parent.public_key()) != _public_bytes(signer.public_key()):
        raise GoError("error creating certificate: x509: provided PrivateKey doesn't match parent's PublicKey")
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn, _validate=False)] if cn else [])
    now = datetime.now(timezone.utc)
    span = (((days * 24 * 3600 * 10**9) + (1 << 63)) % (1 << 64)) - (1 << 63)  # Go's wrapping Duration
    try:
        not_after = now + timedelta(microseconds=span // 1000)
    except OverflowError:
        raise GoError("error creating certificate: x509: NotAfter is out of range") from None
    builder = (x509.CertificateBuilder()
               .serial_number(secrets.randbelow(1 << 128) or 1)
               .subject_name(subject)
               .issuer_name(parent.subject if parent is not None else subject)
               .public_key(public)
               .not_valid_before(now)
               .not_valid_after(not_after)
               .add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=True,
                                            data_encipherment=False, key_agreement=False, key_cert_sign=is_ca,
                                            crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
               .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH,
                                                     ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
               .add_extension(x509.BasicConstraints(ca=is_ca, path_length=None), critical=True))
    if is_ca:
        builder = builder.add_extension(x509.SubjectKeyIdentifier.from_public_key(public), critical=False)
    if parent is not None and parent.subject != subject:
        try:
            skid = parent.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
            builder = builder.add_extension(x509.AuthorityKeyIdentifier(skid, None, None), critical=False)
        except x509.ExtensionNotFound:
            pass
    if dns_list or ip_list:
        names: list[x509.GeneralName] = [x509.DNSName(d) for d in dns_list]
        names += [x509.IPAddress(ip) for ip in ip_list]
        builder = builder.add_extension(x509.SubjectAlternativeName(names), critical=not cn)
    try:
        cert = builder.sign(signer, _signing_hash(signer))
    except (ValueError, TypeError) as e:
        raise GoError(f"error creating certificate: {e}") from None
    return Certificate(_pem("CERTIFICATE", cert.public_bytes(serialization.Encoding.DER)), pem_for_key(signee))


def _key_from_pem(pem: str) -> PrivateKey:
    try:
        return parse_private_key_pem(pem)
    except GoError as e:
        raise GoError(f"parsing private key: {e}") from None


def _rsa2048() -> PrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _signed(cn: str, ips: list[Any] | None, dns: list[Any] | None, days: int, ca: Certificate,
            key: PrivateKey) -> Certificate:
    block = pem_decode(ca.cert)
    if block is None:
        raise GoError("unable to decode certificate")
    try:
        parent = x509.load_der_x509_certificate(block[1])
    except ValueError as e:
        raise GoError(f"error parsing certificate: decodedSignerCert.Bytes: {e}") from None
    try:
        signer = parse_private_key_pem(ca.key)
    except GoError as e:
        raise GoError(f"error parsing private key: {e}") from None
    return _create_certificate(cn, ips, dns, days, key, parent, signer)


@gofunc("genCA", params=("string", "int"), returns="sprig.certificate",
        signature="genCA CN DAYS", doc="A new self-signed CA (RSA 2048) valid for DAYS: use .Cert and .Key (PEM).")
def gen_ca(cn: str, days: int) -> Certificate:
    key = _rsa2048()
    return _create_certificate(cn, None, None, days, key, None, key, is_ca=True)


@gofunc("genCAWithKey", params=("string", "int", "string"), returns="sprig.certificate",
        signature="genCAWithKey CN DAYS KEY", doc="A new self-signed CA valid for DAYS using the PEM private KEY.")
def gen_ca_with_key(cn: str, days: int, key_pem: str) -> Certificate:
    key = _key_from_pem(key_pem)
    return _create_certificate(cn, None, None, days, key, None, key, is_ca=True)


@gofunc("genSelfSignedCert", params=("string", "[]interface {}", "[]interface {}", "int"),
        returns="sprig.certificate", signature="genSelfSignedCert CN IPS DNSNAMES DAYS",
        doc="A new self-signed certificate (RSA 2048) for CN with IP and DNS SANs: use .Cert and .Key.")
def gen_self_signed_cert(cn: str, ips: list[Any] | None, dns: list[Any] | None, days: int) -> Certificate:
    key = _rsa2048()
    return _create_certificate(cn, ips, dns, days, key, None, key)


@gofunc("genSelfSignedCertWithKey", params=("string", "[]interface {}", "[]interface {}", "int", "string"),
        returns="sprig.certificate", signature="genSelfSignedCertWithKey CN IPS DNSNAMES DAYS KEY",
        doc="A new self-signed certificate for CN with SANs, using the PEM private KEY.")
def gen_self_signed_cert_with_key(cn: str, ips: list[Any] | None, dns: list[Any] | None, days: int,
                                  key_pem: str) -> Certificate:
    key = _key_from_pem(key_pem)
    return _create_certificate(cn, ips, dns, days, key, None, key)


@gofunc("genSignedCert", params=("string", "[]interface {}", "[]interface {}", "int", "sprig.certificate"),
        returns="sprig.certificate", signature="genSignedCert CN IPS DNSNAMES DAYS CA",
        doc="A new certificate (RSA 2048) for CN with SANs, signed by CA (from genCA): use .Cert and .Key.")
def gen_signed_cert(cn: str, ips: list[Any] | None, dns: list[Any] | None, days: int,
                    ca: Certificate) -> Certificate:
    return _signed(cn, ips, dns, days, ca, _rsa2048())


@gofunc("genSignedCertWithKey",
        params=("string", "[]interface {}", "[]interface {}", "int", "sprig.certificate", "string"),
        returns="sprig.certificate", signature="genSignedCertWithKey CN IPS DNSNAMES DAYS CA KEY",
        doc="A new certificate for CN with SANs and the PEM private KEY, signed by CA.")
def gen_signed_cert_with_key(cn: str, ips: list[Any] | None, dns: list[Any] | None, days: int,
                             ca: Certificate, key_pem: str) -> Certificate:
    return _signed(cn, ips, dns, days, ca, _key_from_pem(key_pem))


@gofunc("buildCustomCert", params=("string", "string"), returns="sprig.certificate",
        signature="buildCustomCert B64CERT B64KEY",
        doc="A certificate object from base64-encoded PEM certificate and key (e.g. to sign with genSignedCert).")
def build_custom_cert(b64cert: str, b64key: str) -> Certificate:
    try:
        cert = b64decode_go(b64cert)
    except GoError:
        raise GoError("unable to decode base64 certificate") from None
    try:
        key = b64decode_go(b64key)
    except GoError:
        raise GoError("unable to decode base64 private key") from None
    block = pem_decode(_str(cert))
    if block is None:
        raise GoError("unable to decode certificate")
    try:
        x509.load_der_x509_certificate(block[1])
    except ValueError as e:
        raise GoError(f"error parsing certificate: decodedCert.Bytes: {e}") from None
    try:
        parse_private_key_pem(_str(key))
    except GoError as e:
        raise GoError(f"error parsing private key: {e}") from None
    return Certificate(_str(cert), _str(key))
