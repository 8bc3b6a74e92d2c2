//! Place lookup for meetup listings: fold case and accents, then try the part before `-`/`,`;
//! and `squash`, the key names are compared by.
//!
//! The accent fold covers Latin-1 Supplement and Latin Extended-A letters (enough for the
//! places the newsletter lists: São Paulo, Unterföhring, Toruń, Rzeszów, A Coruña).

use super::types::{Category, EntityId};
use super::Lexicon;
use std::collections::HashMap;

/// A name's comparison key: lower-case letters and digits only (`Acme Energy`,
/// `acmeenergy` and `Acme-Energy` are one key). Discovery merges names by it and the link
/// rule of `extract` looks link labels up by it.
pub fn squash(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Lower-cases and strips accents: `Unterföhring` -> `unterfohring`, `Łódź` -> `lodz`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.trim().chars().flat_map(char::to_lowercase) {
        match fold_char(c) {
            Some(base) => out.push_str(base),
            None => out.push(c),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The ASCII base of a lower-case accented Latin letter, if it has one.
fn fold_char(c: char) -> Option<&'static str> {
    let base = match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò'..='ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' => "t",
        'þ' => "th",
        'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => return None,
    };
    Some(base)
}

/// Folded city names and aliases -> city entity, built once for many lookups.
#[derive(Clone, Debug, Default)]
pub struct PlaceIndex {
    places: HashMap<String, EntityId>,
}

impl PlaceIndex {
    pub fn new(lexicon: &Lexicon) -> PlaceIndex {
        let mut places = HashMap::new();
        for (id, e) in lexicon.entities.iter().enumerate() {
            if e.category == Category::City {
                for surface in e.surfaces() {
                    places.entry(fold(surface)).or_insert(id as EntityId);
                }
            }
        }
        PlaceIndex { places }
    }

    /// The city a listing's place names: exact name or alias ignoring case and accents, else
    /// the part before the first `-` or `,` (`Brno-stred` -> `Brno`, `Paris, France` -> `Paris`).
    pub fn resolve(&self, place: &str) -> Option<EntityId> {
        let folded = fold(place);
        if let Some(&id) = self.places.get(&folded) {
            return Some(id);
        }
        let head = folded.split(['-', ',']).next()?.trim();
        if head.is_empty() || head.len() == folded.len() {
            return None;
        }
        self.places.get(head).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_spaces() {
        assert_eq!(fold("  São   Paulo "), "sao paulo");
        assert_eq!(fold("Unterföhring"), "unterfohring");
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(fold("A Coruña"), "a coruna");
        assert_eq!(fold("Toruń"), "torun");
        assert_eq!(fold("Rzeszów"), "rzeszow");
        assert_eq!(fold("Zürich"), "zurich");
    }
}
