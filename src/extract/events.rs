//! Meetup listings to events: the year solved from the issue date, the place resolved to a
//! city, and the city as a mention of the listing item (span on the place text).

use super::{Event, Mention, UnresolvedPlace};
use crate::corpus::{Issue, Item, Listing};
use crate::date::Date;
use crate::lexicon::PlaceIndex;

/// What one listing gives: its event, and either a city mention or an unresolved place.
pub(crate) struct ListingResult {
    pub event: Event,
    pub mention: Option<Mention>,
    pub unresolved: Option<UnresolvedPlace>,
}

/// Builds the event of a listing item, whose text is `text`. A place that does not resolve is
/// kept (city `None`) and reported, never dropped.
pub(crate) fn from_listing(
    issue: &Issue,
    item: &Item,
    text: &str,
    listing: &Listing,
    places: &PlaceIndex,
) -> ListingResult {
    let city = places.resolve(listing.city(text));
    let event = Event {
        issue: issue.number,
        item: item.index,
        event_date: event_date(issue.date, listing.month, listing.day),
        city,
    };
    let mention = city.map(|entity| {
        let (start, end) = place_span(text, listing.city(text));
        Mention {
            issue: issue.number,
            item: item.index,
            entity,
            start,
            end,
            via: super::Via::Text,
        }
    });
    let unresolved = match city {
        Some(_) => None,
        None => Some(UnresolvedPlace {
            issue: issue.number,
            item: item.index,
            place: listing.city(text).to_string(),
        }),
    };
    ListingResult {
        event,
        mention,
        unresolved,
    }
}

/// The listing's month and day in the issue's year; a January listing in a December issue is
/// next year's. `None` without an issue date or for a day that does not exist (`February 30`).
pub fn event_date(issue_date: Option<Date>, month: u32, day: u32) -> Option<Date> {
    let issue_date = issue_date?;
    let (year, issue_month, _) = issue_date.ymd();
    let year = if issue_month == 12 && month == 1 {
        year + 1
    } else {
        year
    };
    Date::from_ymd(year, month, day)
}

/// Byte span of the place in the item text: the parenthesised `(Place)` (last one, since a
/// title can hold brackets too), else the first bare occurrence, else an empty span at 0.
pub(crate) fn place_span(text: &str, place: &str) -> (u32, u32) {
    let bracketed = format!("({place})");
    let start = match text.rfind(&bracketed) {
        Some(at) => at + 1,
        None => match text.find(place) {
            Some(at) => at,
            None => return (0, 0),
        },
    };
    (start as u32, (start + place.len()) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_wrap_into_next_year() {
        let dec = Date::from_ymd(2019, 12, 30);
        assert_eq!(event_date(dec, 1, 3), Date::from_ymd(2020, 1, 3));
        assert_eq!(event_date(dec, 12, 31), Date::from_ymd(2019, 12, 31));
        let nov = Date::from_ymd(2019, 11, 19);
        assert_eq!(event_date(nov, 11, 20), Date::from_ymd(2019, 11, 20));
        assert_eq!(event_date(nov, 2, 30), None);
        assert_eq!(event_date(None, 11, 20), None);
    }

    #[test]
    fn place_spans() {
        let text = "Kafka Beijing Meetup (Beijing) - Saturday, November 16";
        let (s, e) = place_span(text, "Beijing");
        assert_eq!(&text[s as usize..e as usize], "Beijing");
        assert_eq!(s, 22);
        assert_eq!(place_span("no place here", "Paris"), (0, 0));
    }
}
