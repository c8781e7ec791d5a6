//! Keys and key cards. A school signs its packages with Ed25519; a municipality (or region) also holds
//! an X25519 key that schools encrypt to. The public half travels as a «карточка ключа»: a short text
//! file with a fingerprint to read aloud or print and compare on paper.

use super::age::Recipient;
use crate::domain::{OrgId, OrgRole};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use ed25519_dalek::VerifyingKey;
use sha2::{Digest, Sha256};

/// `ABCD-EF01-2345-6789`: the first 8 bytes of SHA-256 of `UCHRFPR1`, the level's tag (`school`,
/// `municipality`, `region`, then a zero byte), the organisation's 16-byte id and the 32-byte Ed25519
/// public key. The fingerprint compared on paper covers the level and the organisation as well as the key:
/// a school's card cannot vouch for a package whose header calls its sender a municipality (or another
/// organisation), because the fingerprint the receiver prints for that package is another one.
pub fn fingerprint(role: OrgRole, org: OrgId, key: &VerifyingKey) -> String {
    let mut hasher = Sha256::new();
    hasher.update(b"UCHRFPR1");
    hasher.update(role_tag(role).as_bytes());
    hasher.update([0u8]);
    hasher.update(org.0.as_bytes());
    hasher.update(key.as_bytes());
    grouped(&hasher.finalize()[..8])
}

/// The fingerprint of the key alone, as cards written before the level was bound printed it (such a card
/// still reads; the fingerprint shown from then on is [`fingerprint`]).
fn legacy_fingerprint(key: &VerifyingKey) -> String {
    grouped(&Sha256::digest(key.as_bytes())[..8])
}

fn grouped(bytes: &[u8]) -> String {
    bytes.chunks(2).map(|c| format!("{:02X}{:02X}", c[0], c[1])).collect::<Vec<_>>().join("-")
}

/// The level as the fingerprint spells it.
fn role_tag(role: OrgRole) -> &'static str {
    match role {
        OrgRole::School => "school",
        OrgRole::Municipality => "municipality",
        OrgRole::Region => "region",
    }
}

/// The fingerprint of a registered peer, from its stored role, id and key (empty when one is unreadable).
pub fn peer_fingerprint(role: &str, org: &str, key: &[u8; 32]) -> String {
    let (Some(role), Ok(org), Ok(key)) =
        (OrgRole::from_label(role), uuid::Uuid::parse_str(org), VerifyingKey::from_bytes(key))
    else {
        return String::new();
    };
    fingerprint(role, OrgId(org), &key)
}

/// The public keys of an organisation, as its card carries them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyCard {
    pub org: OrgId,
    pub role: OrgRole,
    pub name: String,
    pub code: String,
    pub sign: VerifyingKey,
    pub encrypt: Option<Recipient>,
}

const TITLE: &str = "УчРост — карточка ключа";

impl KeyCard {
    pub fn fingerprint(&self) -> String {
        fingerprint(self.role, self.org, &self.sign)
    }

    /// The card as text: one «Поле: значение» per line, the fingerprint last.
    pub fn to_text(&self) -> String {
        let mut t = format!(
            "{TITLE}\nОрганизация: {}\nКод: {}\nРоль: {}\nИдентификатор: {}\nКлюч подписи: {}\n",
            self.name,
            self.code,
            self.role.label(),
            self.org,
            B64.encode(self.sign.as_bytes())
        );
        if let Some(r) = &self.encrypt {
            t.push_str(&format!("Ключ шифрования: {}\n", r.to_age_string()));
        }
        t.push_str(&format!("Отпечаток: {}\n", self.fingerprint()));
        t
    }

    /// Reads a card; a wrong or missing field, or a fingerprint that does not match the key, is refused.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim_start_matches('\u{feff}');
        if text.len() > 4096 {
            return Err("файл слишком велик для карточки ключа".into());
        }
        let mut lines = text.lines();
        if lines.next().map(str::trim) != Some(TITLE) {
            return Err("это не карточка ключа УчРост (нет заголовка «УчРост — карточка ключа»)".into());
        }
        let mut fields = std::collections::HashMap::new();
        for line in lines.filter(|l| !l.trim().is_empty()) {
            let (k, v) = line.split_once(':').ok_or_else(|| format!("строка без «:»: «{line}»"))?;
            fields.insert(k.trim().to_string(), v.trim().to_string());
        }
        let get = |k: &str| fields.get(k).cloned().ok_or_else(|| format!("в карточке нет поля «{k}»"));
        let org = uuid::Uuid::parse_str(&get("Идентификатор")?)
            .map(OrgId)
            .map_err(|_| "поле «Идентификатор»: не идентификатор".to_string())?;
        let role = OrgRole::from_label(&get("Роль")?).ok_or("поле «Роль»: неизвестная роль")?;
        let sign: [u8; 32] = B64
            .decode(get("Ключ подписи")?)
            .ok()
            .and_then(|v| v.try_into().ok())
            .ok_or("поле «Ключ подписи»: не ключ")?;
        let sign = VerifyingKey::from_bytes(&sign).map_err(|_| "поле «Ключ подписи»: не ключ".to_string())?;
        let encrypt = match fields.get("Ключ шифрования") {
            Some(v) => Some(Recipient::parse(v).ok_or("поле «Ключ шифрования»: не ключ age")?),
            None => None,
        };
        let card = KeyCard { org, role, name: get("Организация")?, code: get("Код")?, sign, encrypt };
        let stated = get("Отпечаток")?;
        if stated != card.fingerprint() && stated != legacy_fingerprint(&card.sign) {
            return Err(format!(
                "отпечаток в карточке ({stated}) не совпадает с ключом ({}): карточка изменена или повреждена",
                card.fingerprint()
            ));
        }
        Ok(card)
    }
}

/// A key change (смена ключа): the old signing key's signature over the new one, so that a receiver that
/// knows only the old key can trust the new one. It rides in the signed header of the sender's packages
/// after a rotation — first in one signed by the old key, then in those signed by the new key, so that a
/// lost announcement does not cut the school off.
///
/// The signed message is `UCHRKEY1` (8 bytes), the sender's organisation id (16 bytes of the UUID) and the
/// new Ed25519 public key (32 bytes); the three fields are base64 (standard, with padding).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct KeyChange {
    pub old: String,
    pub new: String,
    pub signature: String,
}

impl KeyChange {
    fn message(org: OrgId, new: &VerifyingKey) -> Vec<u8> {
        let mut m = b"UCHRKEY1".to_vec();
        m.extend_from_slice(org.0.as_bytes());
        m.extend_from_slice(new.as_bytes());
        m
    }

    /// The old key vouches for the new one.
    pub fn sign(org: OrgId, old: &ed25519_dalek::SigningKey, new: &VerifyingKey) -> Self {
        use ed25519_dalek::Signer;
        let signature = old.sign(&Self::message(org, new));
        KeyChange {
            old: B64.encode(old.verifying_key().as_bytes()),
            new: B64.encode(new.as_bytes()),
            signature: B64.encode(signature.to_bytes()),
        }
    }

    /// The old and the new key, if the signature holds for this organisation.
    pub fn verify(&self, org: OrgId) -> Option<(VerifyingKey, VerifyingKey)> {
        let key = |s: &str| -> Option<VerifyingKey> {
            let b: [u8; 32] = B64.decode(s).ok()?.try_into().ok()?;
            VerifyingKey::from_bytes(&b).ok()
        };
        let (old, new) = (key(&self.old)?, key(&self.new)?);
        let sig: [u8; 64] = B64.decode(&self.signature).ok()?.try_into().ok()?;
        old.verify_strict(&Self::message(org, &new), &ed25519_dalek::Signature::from_bytes(&sig)).ok()?;
        Some((old, new))
    }

    /// Whether every field is within the size a package reader accepts.
    pub fn within_limits(&self) -> bool {
        self.old.len() <= 64 && self.new.len() <= 64 && self.signature.len() <= 100
    }
}
