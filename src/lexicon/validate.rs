//! Cross-row checks once every table is read: duplicate names, parents and cycles, alias
//! collisions (hard errors) and overlaps, shadowed or redundant aliases (findings).

use super::fold::fold;
use super::read::RawEntity;
use super::types::{CasePolicy, Category, Entity, EntityId};
use super::{Finding, FindingKind, LexiconError};
use std::collections::HashMap;

/// Resolves parents by name (technologies and organisations), reporting unknown ones and cycles.
pub(crate) fn resolve_parents(raw: Vec<RawEntity>, errors: &mut Vec<LexiconError>) -> Vec<Entity> {
    let by_name: HashMap<String, EntityId> = raw
        .iter()
        .enumerate()
        .filter(|(_, r)| r.entity.category != Category::City)
        .map(|(i, r)| (r.entity.name.to_lowercase(), i as EntityId))
        .collect();
    let mut entities = Vec::with_capacity(raw.len());
    for r in raw {
        let mut entity = r.entity;
        if let Some(parent) = r.parent {
            match by_name.get(&parent.to_lowercase()) {
                Some(&id) => entity.parent = Some(id),
                None => errors.push(row_error(
                    &entity,
                    format!("parent `{parent}` is not an entry of either table"),
                )),
            }
        }
        entities.push(entity);
    }
    check_cycles(&entities, errors);
    entities
}

/// A parent chain that comes back to where it started; reported once, at its first row.
fn check_cycles(entities: &[Entity], errors: &mut Vec<LexiconError>) {
    for (start, e) in entities.iter().enumerate() {
        let mut chain = vec![e.name.as_str()];
        let mut next = e.parent;
        while let Some(id) = next {
            let p = &entities[id as usize];
            chain.push(&p.name);
            if id as usize == start {
                errors.push(row_error(
                    e,
                    format!("parent cycle: {}", chain.join(" -> ")),
                ));
                break;
            }
            // Only report the cycle from its smallest member, and stop on cycles not through `start`.
            if (id as usize) < start || chain.len() > entities.len() {
                break;
            }
            next = p.parent;
        }
    }
}

/// Names must be unique (ignoring case): across technologies and organisations, and among cities.
pub(crate) fn check_names(entities: &[Entity], errors: &mut Vec<LexiconError>) {
    let mut seen: HashMap<(bool, String), &Entity> = HashMap::new();
    for e in entities {
        let key = (e.category == Category::City, e.name.to_lowercase());
        match seen.get(&key) {
            Some(first) => errors.push(row_error(
                e,
                format!("duplicate name `{}` (first at {})", e.name, at(first)),
            )),
            None => {
                seen.insert(key, e);
            }
        }
    }
}

/// Two entries claiming a surface that can match the same text: an error when neither is
/// guarded, a finding otherwise (the guards decide at match time). Cities are looked up by
/// folded place, so two cities sharing a folded surface is always an error.
pub(crate) fn check_aliases(
    entities: &[Entity],
    errors: &mut Vec<LexiconError>,
    findings: &mut Vec<Finding>,
) {
    let mut claims: HashMap<String, Vec<(EntityId, &str)>> = HashMap::new();
    for (id, e) in entities.iter().enumerate() {
        for surface in e.surfaces() {
            let key = match e.category {
                Category::City => format!("city:{}", fold(surface)),
                _ => surface.to_lowercase(),
            };
            claims
                .entry(key)
                .or_default()
                .push((id as EntityId, surface));
        }
    }
    let mut keys: Vec<&String> = claims.keys().collect();
    keys.sort();
    for key in keys {
        let list = &claims[key];
        for (i, &(a, sa)) in list.iter().enumerate() {
            for &(b, sb) in &list[i + 1..] {
                pair(entities, (a, sa), (b, sb), errors, findings);
            }
        }
    }
}

fn pair(
    entities: &[Entity],
    (a, sa): (EntityId, &str),
    (b, sb): (EntityId, &str),
    errors: &mut Vec<LexiconError>,
    findings: &mut Vec<Finding>,
) {
    let (ea, eb) = (&entities[a as usize], &entities[b as usize]);
    let sensitive = |e: &Entity| e.case == CasePolicy::Sensitive && e.category != Category::City;
    if sensitive(ea) && sensitive(eb) && sa != sb {
        return; // `Hive` and `HIVE`, both exact: they never match the same text.
    }
    if a == b && ea.category == Category::City && sa.to_lowercase() != sb.to_lowercase() {
        return; // `Sao Paulo` for `São Paulo`: the docs ask for the plain spelling too.
    }
    if a == b {
        let msg = format!(
            "`{}` repeats `{sa}` (a surface of the same entry), so it never adds a match",
            sb
        );
        findings.push(finding(FindingKind::Redundant, eb, msg));
        return;
    }
    let guarded = (!ea.rules.is_empty(), !eb.rules.is_empty());
    let both = format!(
        "`{sb}` is claimed by `{}` ({}) and `{}`",
        ea.name,
        at(ea),
        eb.name
    );
    match guarded {
        (false, false) => errors.push(row_error(
            eb,
            format!("{both}; add guards to both or remove one"),
        )),
        (true, true) if ea.rules == eb.rules => errors.push(row_error(
            eb,
            format!("{both} with the same guards, which cannot tell them apart"),
        )),
        (true, true) => findings.push(finding(
            FindingKind::Overlap,
            eb,
            format!("{both}; their guards decide"),
        )),
        (true, false) | (false, true) => {
            let (g, u) = if guarded.0 { (ea, eb) } else { (eb, ea) };
            let msg = format!(
                "{both}; `{}` wins where its guards hold, `{}` everywhere else",
                g.name, u.name
            );
            findings.push(finding(FindingKind::Shadowed, eb, msg));
        }
    }
}

/// Rows not in name order (case-insensitive) and metros that name no city.
pub(crate) fn check_order_and_metros(entities: &[Entity], findings: &mut Vec<Finding>) {
    for w in entities.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        if a.file == b.file && a.name.to_lowercase() > b.name.to_lowercase() {
            findings.push(finding(
                FindingKind::Unsorted,
                b,
                format!("`{}` should sort before `{}`", b.name, a.name),
            ));
        }
    }
    let cities: Vec<String> = entities
        .iter()
        .filter(|e| e.category == Category::City)
        .map(|e| fold(&e.name))
        .collect();
    for e in entities {
        if let Some(metro) = &e.metro {
            if !cities.contains(&fold(metro)) {
                findings.push(finding(
                    FindingKind::Metro,
                    e,
                    format!("metro `{metro}` is not a city of the table"),
                ));
            }
        }
    }
}

fn row_error(e: &Entity, message: String) -> LexiconError {
    LexiconError::Row {
        file: e.file.clone(),
        line: e.line,
        message,
    }
}

fn finding(kind: FindingKind, e: &Entity, message: String) -> Finding {
    Finding {
        kind,
        file: e.file.clone(),
        line: e.line,
        message,
    }
}

fn at(e: &Entity) -> String {
    let file = e.file.file_name().map_or_else(
        || e.file.display().to_string(),
        |f| f.to_string_lossy().into(),
    );
    format!("{file}:{}", e.line)
}
