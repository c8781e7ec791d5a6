//! Field-by-field differences between two versions of a record, shown the way the user reads them:
//! the history of changes and the import preview both use this.

use serde_json::Value;

/// One field that differs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldChange {
    /// The field's identifier in the record.
    pub field: String,
    pub old: String,
    pub new: String,
    /// The values as stored, for a screen that shows them its own way (a person's name for an id, the
    /// label of a choice).
    pub old_value: Value,
    pub new_value: Value,
}

/// Shows a JSON value of a record field as the user reads it: dates as `дд.мм.гггг`, lists joined,
/// yes/no in Russian.
pub fn show(value: &Value) -> String {
    match value {
        Value::Null => "—".into(),
        Value::Bool(true) => "да".into(),
        Value::Bool(false) => "нет".into(),
        Value::Number(n) => match n.as_f64() {
            Some(f) => super::ru::number(f),
            None => n.to_string(),
        },
        Value::String(s) => {
            chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map_or_else(|_| s.clone(), super::fmt_date)
        }
        Value::Array(items) => items.iter().map(show).collect::<Vec<_>>().join(", "),
        Value::Object(map) => map.values().map(show).collect::<Vec<_>>().join(" "),
    }
}

/// The fields that differ between two JSON objects (ids and authors left out), sorted by name.
pub fn field_changes(old: Option<&Value>, new: Option<&Value>) -> Vec<FieldChange> {
    let empty = serde_json::Map::new();
    let o = old.and_then(Value::as_object).unwrap_or(&empty);
    let n = new.and_then(Value::as_object).unwrap_or(&empty);
    let mut keys: Vec<&String> = o.keys().chain(n.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| !matches!(k.as_str(), "id" | "author"))
        .filter_map(|k| {
            let (a, b) = (o.get(k).unwrap_or(&Value::Null), n.get(k).unwrap_or(&Value::Null));
            (a != b).then(|| FieldChange {
                field: k.clone(),
                old: show(a),
                new: show(b),
                old_value: a.clone(),
                new_value: b.clone(),
            })
        })
        .collect()
}
