"""Personal data encrypted at rest: ID numbers, phone numbers and addresses (issue 18).

- `EncryptedCharField`: the column holds `fz1$<key id>$<cipher>$<base64(nonce | ciphertext | tag)>`; the model
  attribute holds the plain value. AES-256-GCM, or SM4-GCM when FAZHI_DATA_CIPHER = "sm4-gcm" (both from
  `cryptography`). The associated data is the column ("core.person.id_number"), so a ciphertext copied into another
  column does not decrypt. The key id lets `fazhi datakey rotate` re-encrypt under a new key while the old one is
  still listed.
- `BlindIndexField`: HMAC-SHA256 (FAZHI_DATA_INDEX_KEY) of the normalized value, recomputed on every save; every
  lookup and uniqueness check by ID number goes through it (e.g. `Person.objects.with_id_number(x)`). An encrypted
  column cannot be filtered on: a lookup on it raises FieldError (except `= ""` and `isnull`).
"""

from .cipher import (
    CIPHERS,
    DataKeyError,
    blind_index,
    blind_indexes,
    cipher_name,
    current_key_id,
    decrypt,
    encrypt,
    is_encrypted,
    key_id_of,
    keyring,
    problems,
)
from .fields import (
    BlindIndexField,
    EncryptedCharField,
    encrypted_fields,
    encrypted_models,
    index_fields,
    mask_value,
    refresh_indexes,
    with_index_fields,
)

__all__ = [
    "CIPHERS",
    "BlindIndexField",
    "DataKeyError",
    "EncryptedCharField",
    "blind_index",
    "blind_indexes",
    "cipher_name",
    "current_key_id",
    "decrypt",
    "encrypt",
    "encrypted_fields",
    "encrypted_models",
    "index_fields",
    "is_encrypted",
    "key_id_of",
    "keyring",
    "mask_value",
    "problems",
    "refresh_indexes",
    "with_index_fields",
]
