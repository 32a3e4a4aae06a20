"""The data keys and the two primitives: authenticated encryption (AES-256-GCM or SM4-GCM) and the blind index
(HMAC-SHA256). Keys come from settings, which read them from the environment (settings.py, docs/security.md)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .. import ids

PREFIX = "fz1"
SEP = "$"
KEY_ID = re.compile(r"[A-Za-z0-9_.-]{1,32}")
AES = "aes-256-gcm"
SM4 = "sm4-gcm"
CIPHERS = {AES: "a", SM4: "s"}
_NAMES = {code: name for name, code in CIPHERS.items()}
_NONCE = 12
_TAG = 16


class DataKeyError(ImproperlyConfigured):
    """No usable data key, or a value names a key this installation does not hold, or it does not decrypt."""


def keyring() -> dict[str, bytes]:
    return dict(getattr(settings, "FAZHI_DATA_KEYS", {}) or {})


def current_key_id() -> str:
    key_id = getattr(settings, "FAZHI_DATA_KEY_ID", "")
    if not key_id or key_id not in keyring():
        raise DataKeyError("未配置数据加密密钥：请设置 FAZHI_DATA_KEYS 与 FAZHI_DATA_KEY_ID。")
    return key_id


def cipher_name() -> str:
    return getattr(settings, "FAZHI_DATA_CIPHER", AES) or AES


def _index_key() -> bytes:
    key = getattr(settings, "FAZHI_DATA_INDEX_KEY", b"")
    if not key:
        raise DataKeyError("未配置检索索引密钥：请设置 FAZHI_DATA_INDEX_KEY。")
    return key


def problems() -> list[str]:
    """What is wrong with the configured keys (the system check fazhi.E010 reports each)."""
    found = []
    ring = keyring()
    if not ring:
        found.append("未配置数据加密密钥 FAZHI_DATA_KEYS（生产环境必须设置；开发环境请设置 FAZHI_DEV=1）。")
    for key_id, key in ring.items():
        if not KEY_ID.fullmatch(key_id):
            found.append(f"数据密钥编号“{key_id}”只能由字母、数字、_ . - 组成（至多32位）。")
        if len(key) != 32:
            found.append(f"数据密钥“{key_id}”须为32字节（base64编码后44个字符），实际{len(key)}字节。")
    key_id = getattr(settings, "FAZHI_DATA_KEY_ID", "")
    if ring and key_id not in ring:
        found.append(f"FAZHI_DATA_KEY_ID“{key_id}”不是 FAZHI_DATA_KEYS 中的编号。")
    if len(getattr(settings, "FAZHI_DATA_INDEX_KEY", b"") or b"") < 32:
        found.append("未配置检索索引密钥 FAZHI_DATA_INDEX_KEY，或不足32字节。")
    if cipher_name() not in CIPHERS:
        found.append(f"FAZHI_DATA_CIPHER“{cipher_name()}”无效：可选 {'、'.join(CIPHERS)}。")
    return found


def _sm4_key(key: bytes) -> bytes:
    # SM4 takes 128-bit keys: derived from the 256-bit data key, so one key serves both ciphers.
    return hmac.new(key, b"fazhi/sm4-gcm", hashlib.sha256).digest()[:16]


def _seal(code: str, key: bytes, nonce: bytes, data: bytes, aad: bytes) -> bytes:
    if code == "a":
        return AESGCM(key).encrypt(nonce, data, aad)
    encryptor = Cipher(algorithms.SM4(_sm4_key(key)), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(aad)
    return encryptor.update(data) + encryptor.finalize() + encryptor.tag


def _open(code: str, key: bytes, nonce: bytes, data: bytes, aad: bytes) -> bytes:
    if code == "a":
        return AESGCM(key).decrypt(nonce, data, aad)
    body, tag = data[:-_TAG], data[-_TAG:]
    decryptor = Cipher(algorithms.SM4(_sm4_key(key)), modes.GCM(nonce, tag)).decryptor()
    decryptor.authenticate_additional_data(aad)
    return decryptor.update(body) + decryptor.finalize()


def encrypt(plaintext: str, *, context: str) -> str:
    """`fz1$key id$cipher$base64(nonce | ciphertext | tag)` under the current key; `context` (the column) is the
    associated data."""
    key_id = current_key_id()
    code = CIPHERS.get(cipher_name())
    if code is None:
        raise DataKeyError(f"FAZHI_DATA_CIPHER“{cipher_name()}”无效：可选 {'、'.join(CIPHERS)}。")
    nonce = os.urandom(_NONCE)
    sealed = _seal(code, keyring()[key_id], nonce, plaintext.encode("utf-8"), context.encode())
    body = base64.urlsafe_b64encode(nonce + sealed).decode("ascii")
    return SEP.join((PREFIX, key_id, code, body))


def is_encrypted(value) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX + SEP)


def key_id_of(token: str) -> str:
    return token.split(SEP)[1]


def decrypt(token: str, *, context: str) -> str:
    try:
        _, key_id, code, body = token.split(SEP)
        raw = base64.urlsafe_b64decode(body.encode("ascii"))
    except ValueError as exc:
        raise DataKeyError(f"{context} 中的密文格式无效。") from exc
    key = keyring().get(key_id)
    if key is None:
        raise DataKeyError(f"{context} 中的密文使用密钥“{key_id}”，但 FAZHI_DATA_KEYS 中没有该密钥。")
    if code not in _NAMES:
        raise DataKeyError(f"{context} 中的密文使用未知算法“{code}”。")
    try:
        return _open(code, key, raw[:_NONCE], raw[_NONCE:], context.encode()).decode("utf-8")
    except InvalidTag as exc:
        raise DataKeyError(f"{context} 中的密文无法用密钥“{key_id}”解密（密钥错误或密文被篡改）。") from exc


def blind_index(value: str) -> str:
    """HMAC-SHA256 of the normalized value (spaces and full-width forms removed, letters upper-cased): the only way
    to find a record by ID number. Empty for an empty value."""
    number = ids.normalize(value or "")
    if not number:
        return ""
    return hmac.new(_index_key(), number.encode("utf-8"), hashlib.sha256).hexdigest()


def blind_indexes(values) -> list[str]:
    return sorted({blind_index(v) for v in values if ids.normalize(v or "")})
