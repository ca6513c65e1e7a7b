"""Sprig crypto/UUID/network functions: snippets.json shape checks, Sprig's
crypto_test.go, and Go's exact texts for AES/base64 failures. Random outputs
are checked by shape and by verifying them (signatures, bcrypt, round trips)."""

from __future__ import annotations

import base64
import ipaddress
import re

import bcrypt
import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed25519, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID

from chartlsp.functions import crypto
from chartlsp.functions.registry import REGISTRY
from chartlsp.gotemplate.gotypes import GoError


def call(name, *args):
    return REGISTRY[name].fn(*args)


def load(cert):
    return x509.load_pem_x509_certificate(cert.cert.encode())


@pytest.fixture(scope="module")
def ca():
    return call("genCA", "my-ca", 365)


# crypto_test.go TestDerivePassword
@pytest.mark.parametrize("counter,kind,expected", [
    (1, "long", "ZedaFaxcZaso9*"), (2, "long", "Fovi2@JifpTupx"), (1, "maximum", "pf4zS1LjCg&LjhsZ7T2~"),
    (1, "medium", "ZedJuz8$"), (1, "basic", "pIS54PLs"), (1, "short", "Zed5"), (1, "pin", "6685"),
])
def test_derive_password(counter, kind, expected):
    assert call("derivePassword", counter, kind, "password", "user", "example.com") == expected


def test_derive_password_unknown_template():
    assert call("derivePassword", 1, "nope", "p", "u", "s") == "cannot find password template nope"


def test_bcrypt_and_htpasswd():
    h = call("bcrypt", "pw")  # enc-bcrypt-shape-1: "60 true"
    assert len(h) == 60 and h.startswith("$2a$10$") and bcrypt.checkpw(b"pw", h.encode())
    line = call("htpasswd", "admin", "secret")  # enc-htpasswd-shape-1: "true 66"
    assert line.startswith("admin:$2a$10$") and len(line) == 66
    for user, password in (("myUser", "myPassword"), ("special'o79Cv_*qFe,)<user", "special<j7+3p#6-.Jx2U:m8G;kGypassword")):
        name, _, hashed = call("htpasswd", user, password).partition(":")
        assert name == user and bcrypt.checkpw(password.encode(), hashed.encode())
    assert call("htpasswd", "wrongus:er", "doesn'tmatter") == "invalid username: wrongus:er"
    assert call("bcrypt", "x" * 73) == "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes"


def test_aes_round_trip():
    assert call("decryptAES", "secretkey", call("encryptAES", "secretkey", "plaintext")) == "plaintext"
    for text in ("", "x", "0123456789abcdef", "ü" * 20):
        assert call("decryptAES", "k" * 40, call("encryptAES", "k" * 40, text)) == text
    ct = call("encryptAES", "pw", "0123456789abcdef")  # a full block of padding is added
    assert len(base64.b64decode(ct)) == 48
    assert call("encryptAES", "pw", "") == "" and call("decryptAES", "pw", "") == ""


@pytest.mark.parametrize("crypt,message", [
    ("YWJj", "runtime error: slice bounds out of range [:16] with capacity 3"),
    ("!!!!", "illegal base64 data at input byte 0"),
    ("YWJjZA", "illegal base64 data at input byte 4"),
    ("YQ==YQ==", "illegal base64 data at input byte 4"),
    ("YWJjZGVmZ2hpamtsbW5vcA==", "runtime error: index out of range [-1]"),
    ("A" * 24, "crypto/cipher: input not full blocks"),
    ("YWJjZGVmZ2hpamtsbW5v====", "illegal base64 data at input byte 20"),
])
def test_decrypt_errors(crypt, message):
    with pytest.raises(GoError) as e:
        call("decryptAES", "k", crypt)
    assert str(e.value) == message


def test_b64decode_go():
    assert crypto.b64decode_go("YW\nJj\r\n") == b"abc"
    assert crypto.b64decode_go("YWI=") == b"ab"
    with pytest.raises(GoError, match="input byte 0$"):  # Go reports where the short quantum starts
        crypto.b64decode_go("YWI")


def test_random_values():
    assert len(call("randBytes", 12)) == 16 and len(base64.b64decode(call("randBytes", 12))) == 12
    assert call("randBytes", 0) == ""
    with pytest.raises(GoError, match="makeslice: len out of range"):
        call("randBytes", -1)
    u1, u2 = call("uuidv4"), call("uuidv4")
    assert u1 != u2 and re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}", u1)


def test_get_host_by_name_never_resolves():
    assert call("getHostByName", "example.com") == ""


@pytest.mark.parametrize("kind,header,key_type", [
    ("ecdsa", "-----BEGIN EC PRIVATE KEY-----", ec.EllipticCurvePrivateKey),
    ("ed25519", "-----BEGIN PRIVATE KEY-----", ed25519.Ed25519PrivateKey),
    ("rsa", "-----BEGIN RSA PRIVATE KEY-----", rsa.RSAPrivateKey),
    ("", "-----BEGIN RSA PRIVATE KEY-----", rsa.RSAPrivateKey),
    ("dsa", "-----BEGIN DSA PRIVATE KEY-----", dsa.DSAPrivateKey),
])
def test_gen_private_key(kind, header, key_type):
    pem = call("genPrivateKey", kind)
    assert pem.startswith(header + "\n") and pem.endswith("-----\n")
    assert all(len(line) <= 64 for line in pem.splitlines())
    key = crypto.parse_private_key_pem(pem)
    assert isinstance(key, key_type)
    if kind in ("rsa", ""):
        assert key.key_size == 4096
    assert crypto.pem_for_key(key) == pem  # re-encoding is byte-identical, as Go's WithKey functions rely on


def test_gen_private_key_unknown():
    assert call("genPrivateKey", "bad") == "Unknown type bad"


def test_gen_ca(ca):
    # enc-genCA-shape-1 and TestGenCA
    assert ca.cert.startswith("-----BEGIN CERTIFICATE-----") and ca.key.startswith("-----BEGIN RSA PRIVATE KEY-----")
    cert = load(ca)
    assert cert.subject.rfc4514_string() == "CN=my-ca" and cert.issuer == cert.subject
    assert cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert cert.extensions.get_extension_for_class(x509.KeyUsage).value.key_cert_sign
    assert cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
    cert.verify_directly_issued_by(cert)
    assert 364 <= (cert.not_valid_after_utc - cert.not_valid_before_utc).days <= 365
    assert 0 < cert.serial_number < 1 << 128
    assert crypto.parse_private_key_pem(ca.key).key_size == 2048
    assert (ca.go_type, ca.go_kind, ca.go_field("Cert")) == ("sprig.certificate", "struct", ca.cert)
    assert [name for name, _ in ca.go_fields()] == ["Cert", "Key"]


def test_gen_signed_cert(ca):
    # enc-signed-certs-1 and TestGenSignedCert
    c = call("genSignedCert", "foo.com", ["10.0.0.1", "10.0.0.2"], ["bar.com", "bat.com"], 365, ca)
    cert = load(c)
    cert.verify_directly_issued_by(load(ca))
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert san.get_values_for_type(x509.IPAddress) == [ipaddress.ip_address("10.0.0.1"), ipaddress.ip_address("10.0.0.2")]
    assert san.get_values_for_type(x509.DNSName) == ["bar.com", "bat.com"]
    assert not cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert list(cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value) == [
        ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]
    aki = cert.extensions.get_extension_for_class(x509.AuthorityKeyIdentifier).value.key_identifier
    assert aki == load(ca).extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
    assert c.key.startswith("-----BEGIN RSA PRIVATE KEY-----")


def test_gen_self_signed_cert():
    s = call("genSelfSignedCert", "z", None, None, 30)
    cert = load(s)
    cert.verify_directly_issued_by(cert)
    with pytest.raises(x509.ExtensionNotFound):
        cert.extensions.get_extension_for_class(x509.SubjectAlternativeName)
    s = call("genSelfSignedCert", "foo.com", ["10.0.0.1", "::ffff:10.0.0.2", "2001:db8::1"], ["bar.com"], 365)
    ips = load(s).extensions.get_extension_for_class(x509.SubjectAlternativeName).value.get_values_for_type(x509.IPAddress)
    assert [str(ip) for ip in ips] == ["10.0.0.1", "10.0.0.2", "2001:db8::1"]


@pytest.mark.parametrize("kind", ["rsa", "ecdsa", "ed25519"])
def test_with_key_variants(kind):
    # enc-certs-with-key-1: each .Key equals the key passed in
    k = call("genPrivateKey", kind)
    ca = call("genCAWithKey", "ca", 30, k)
    s = call("genSelfSignedCertWithKey", "x", None, None, 30, k)
    c = call("genSignedCertWithKey", "y", None, ["y.local"], 30, ca, k)
    assert ca.key == k and s.key == k and c.key == k
    load(c).verify_directly_issued_by(load(ca))


def test_build_custom_cert(ca):
    b64 = lambda s: base64.b64encode(s.encode()).decode()  # noqa: E731
    built = call("buildCustomCert", b64(ca.cert), b64(ca.key))  # enc-buildCustomCert-1
    assert (built.cert, built.key) == (ca.cert, ca.key)
    signed = call("genSignedCert", "svc", None, None, 1, built)
    load(signed).verify_directly_issued_by(load(ca))


@pytest.mark.parametrize("name,args,message", [
    ("buildCustomCert", ("!!", "a2V5"), "unable to decode base64 certificate"),
    ("buildCustomCert", ("ZmFpbA==", "!!"), "unable to decode base64 private key"),
    ("buildCustomCert", ("ZmFpbA==", "a2V5"), "unable to decode certificate"),
    ("genCAWithKey", ("ca", 1, "junk"), "parsing private key: no PEM data in input"),
    ("genCAWithKey", ("ca", 1, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"),
     "parsing private key: no private key data in PEM block of type CERTIFICATE"),
    ("genCAWithKey", ("ca", 1, "-----BEGIN FOO PRIVATE KEY-----\nAAAA\n-----END FOO PRIVATE KEY-----\n"),
     "parsing private key: invalid private key type FOO PRIVATE KEY"),
    ("genSelfSignedCert", ("z", [1.0], None, 3), "error parsing ip: 1 is not a string"),
    ("genSelfSignedCert", ("z", ["10.0.0.300"], None, 3), "error parsing ip: 10.0.0.300"),
    ("genSelfSignedCert", ("z", None, [True], 3), "error processing alternate dns name: true is not a string"),
])
def test_cert_errors(name, args, message):
    with pytest.raises(GoError) as e:
        call(name, *args)
    assert str(e.value) == message


def test_signed_cert_errors(ca):
    with pytest.raises(GoError, match="^unable to decode certificate$"):
        call("genSignedCert", "x", None, None, 1, crypto.Certificate("junk", ca.key))
    other = call("genCA", "other", 1)
    with pytest.raises(GoError, match="doesn't match parent's PublicKey"):
        call("genSignedCert", "x", None, None, 1, crypto.Certificate(ca.cert, other.key))


def test_signatures():
    assert REGISTRY["derivePassword"].params == ("uint32", "string", "string", "string", "string")
    assert REGISTRY["genSignedCert"].params[-1] == "sprig.certificate"
    assert REGISTRY["genSelfSignedCert"].params == ("string", "[]interface {}", "[]interface {}", "int")
    for name in ("bcrypt", "htpasswd", "genPrivateKey", "derivePassword", "buildCustomCert", "genCA", "genCAWithKey",
                 "genSelfSignedCert", "genSelfSignedCertWithKey", "genSignedCert", "genSignedCertWithKey",
                 "encryptAES", "decryptAES", "randBytes", "uuidv4", "getHostByName"):
        assert REGISTRY[name].doc and REGISTRY[name].signature.startswith(name)
