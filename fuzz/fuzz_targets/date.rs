//! The date finder: text → the first date in it (every numeric order),
//! ISO dates, month names. Checks: no panic; a date found is a valid day
//! that prints as ISO and reads back; a month is 1 to 12.
#![no_main]

use fihris_ingest::date::{find_date_ordered, month_from_name, NumericOrder};
use fihris_ingest::Date;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for order in [NumericOrder::DayFirst, NumericOrder::Unambiguous] {
        if let Some(date) = find_date_ordered(&text, order) {
            check(date);
        }
    }
    if let Some(date) = Date::parse_iso(&text) {
        check(date);
    }
    let _ = text.parse::<Date>().map_err(|e| e.to_string());
    if let Some(month) = month_from_name(&text) {
        assert!((1..=12).contains(&month), "month {month}");
    }
});

fn check(date: Date) {
    assert_eq!(Date::new(date.year(), date.month(), date.day()), Some(date));
    assert_eq!(
        Date::parse_iso(&date.to_string()),
        Some(date),
        "{date} does not read back"
    );
    let _ = date.days_since_epoch();
}
