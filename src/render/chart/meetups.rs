//! Meetup charts (render stage): meetups per country or per continent as horizontal bars,
//! coloured by continent.

use super::axis::ValueFormat;
use super::bars::{BarRow, HorizontalBars};
use std::collections::BTreeMap;

/// Meetups counted in one country.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeetupRow {
    pub country: String,
    pub continent: String,
    pub meetups: u32,
}

/// One bar per country, most meetups first (ties by country name), coloured by continent.
pub fn meetups_by_country(title: impl Into<String>, rows: &[MeetupRow]) -> HorizontalBars {
    let mut totals: BTreeMap<(&str, &str), u64> = BTreeMap::new();
    for r in rows {
        *totals.entry((&r.country, &r.continent)).or_default() += u64::from(r.meetups);
    }
    let bars = totals
        .into_iter()
        .map(|((country, continent), n)| (country.to_string(), Some(continent.to_string()), n))
        .collect();
    build(title.into(), bars)
}

/// One bar per continent, most meetups first (ties by name), each in its continent colour.
pub fn meetups_by_continent(title: impl Into<String>, rows: &[MeetupRow]) -> HorizontalBars {
    let mut totals: BTreeMap<&str, u64> = BTreeMap::new();
    for r in rows {
        *totals.entry(&r.continent).or_default() += u64::from(r.meetups);
    }
    let bars = totals
        .into_iter()
        .map(|(continent, n)| (continent.to_string(), Some(continent.to_string()), n))
        .collect();
    build(title.into(), bars)
}

fn build(title: String, mut bars: Vec<(String, Option<String>, u64)>) -> HorizontalBars {
    bars.sort_by(|a, b| b.2.cmp(&a.2).then_with(|| a.0.cmp(&b.0)));
    let rows = bars
        .into_iter()
        .map(|(label, group, n)| BarRow {
            label,
            value: n as f64,
            group,
        })
        .collect();
    HorizontalBars {
        title,
        x_label: "Meetups".to_string(),
        rows,
        format: ValueFormat::Count,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(country: &str, continent: &str, meetups: u32) -> MeetupRow {
        MeetupRow {
            country: country.into(),
            continent: continent.into(),
            meetups,
        }
    }

    #[test]
    fn countries_sorted_by_count_then_name_and_grouped_by_continent() {
        let rows = [
            row("Spain", "Europe", 3),
            row("Brazil", "South America", 3),
            row("Germany", "Europe", 5),
        ];
        let bars = meetups_by_country("Meetups", &rows);
        let labels: Vec<&str> = bars.rows.iter().map(|r| r.label.as_str()).collect();
        assert_eq!(labels, ["Germany", "Brazil", "Spain"]);
        assert_eq!(bars.rows[0].group.as_deref(), Some("Europe"));
    }

    #[test]
    fn continents_sum_their_countries() {
        let rows = [
            row("Spain", "Europe", 3),
            row("Brazil", "South America", 4),
            row("Germany", "Europe", 5),
        ];
        let bars = meetups_by_continent("Meetups", &rows);
        assert_eq!(bars.rows[0], BarRow::new("Europe", 8.0).in_group("Europe"));
        assert_eq!(bars.rows[1].value, 4.0);
    }
}
