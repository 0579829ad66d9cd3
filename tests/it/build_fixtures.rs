//! Builds the fixture projects under tests/fixtures/ with the real binary and checks what they
//! publish against figures worked out by hand from their data files.

use std::path::Path;

use crate::common::build_root_to;

/// tests/fixtures/lai-chau: a second province (Lai Châu, code 12) with four districts, no
/// `templates/` folder and no `chiso.toml`; two of the districts' files are separated by
/// semicolons with Vietnamese numbers (muong-te, sin-ho).
fn lai_chau() -> &'static Path {
    Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/lai-chau"
    ))
}

#[test]
fn lai_chau_fixture_has_no_templates_and_no_config() {
    assert!(lai_chau().join("data/units.csv").is_file());
    assert!(!lai_chau().join("templates").exists());
    assert!(!lai_chau().join("chiso.toml").exists());
}

#[test]
fn lai_chau_builds_with_the_built_in_templates_and_publishes_the_expected_sums() {
    let out = tempfile::tempdir().expect("a temporary folder");
    let site = build_root_to(lai_chau(), &out.path().join("site"));
    let province = "12";

    // Districts: 105 Thành phố Lai Châu, 106 Tam Đường, 107 Mường Tè, 108 Sìn Hồ.
    let expected = [
        // villages covered, 2024-H1: 70 + 145 + 127 + 248 = 590
        ("villages_mobile_broadband", "2024-H1", "590", "aggregated"),
        // villages, 2024-H1: 70 + 150 + 160 + 280 = 660
        ("villages", "2024-H1", "660", "aggregated"),
        // population, 2024-H1: 44050 + 58990 + 50650 + 91170 = 244860
        ("population", "2024-H1", "244860", "aggregated"),
        // mobile subscriptions, 2024-H1: 61890 + 49560 + 33430 + 60180 = 205060
        ("mobile_subscribers", "2024-H1", "205060", "aggregated"),
        // mobile coverage, 2024-H1: 100 × 590 ÷ 660 = 89.39… → 89.4 (1 decimal)
        ("mobile_coverage_pct", "2024-H1", "89.4", "derived"),
        // per 100 inhabitants, 2024-H1: 100 × 205060 ÷ 244860 = 83.7458… → 83.7 (1 decimal)
        ("mobile_per_100", "2024-H1", "83.7", "derived"),
        // revenue, 2024: 57630 + 31020 + 20340 + 36620 = 145610
        ("telecom_revenue", "2024", "145610", "aggregated"),
    ];
    for (indicator, period, value, origin) in expected {
        assert_eq!(
            site.value(province, indicator, period, "actual").as_deref(),
            Some(value),
            "{indicator} {period}"
        );
        assert_eq!(
            site.origin(province, indicator, period, "actual")
                .as_deref(),
            Some(origin),
            "{indicator} {period} origin"
        );
    }

    // A semicolon file read as Vietnamese numbers: Sìn Hồ's 54.748 subscriptions in 2022-H1,
    // Mường Tè's revenue 9.187,7 in 2022-H1 (0 decimals → 9188).
    assert_eq!(
        site.value("108", "mobile_subscribers", "2022-H1", "actual")
            .as_deref(),
        Some("54748")
    );
    assert_eq!(
        site.value("107", "telecom_revenue", "2022-H1", "actual")
            .as_deref(),
        Some("9188")
    );

    // The province's 2025 targets (coverage 100, per 100 inhabitants 90) apply to each district;
    // its own revenue has no target, so no progress row.
    let tam_duong = site
        .progress_of("106", "mobile_coverage_pct")
        .expect("inherited target");
    assert_eq!(tam_duong.get("target_unit"), province);
    assert_eq!(tam_duong.get("target_value"), "100.0");
    // The only target year is 2025 and there is no `[[plans]]`: the plan is 2025–2025 (data
    // contract v2, "Plans"). Tam Đường's baseline is its last actual at or before the end of
    // 2024: 2024, 100 × 147 ÷ 150 = 98.0; nothing lies within 2025 yet, so no latest and
    // `no_data` (before v2: baseline 2022-H1, latest 2024, on_track).
    assert_eq!(tam_duong.get("plan"), "2025-2025");
    assert_eq!(tam_duong.get("baseline_period"), "2024");
    assert_eq!(tam_duong.get("baseline_value"), "98.0");
    assert_eq!(tam_duong.get("latest_value"), "");
    assert_eq!(tam_duong.get("achievement_pct"), "");
    assert_eq!(tam_duong.get("status"), "no_data");
    assert!(site.progress_of(province, "telecom_revenue").is_none());

    // Pages for the province (home page) and each district.
    for page in [
        "index.html",
        "thanh-pho-lai-chau/index.html",
        "tam-duong/index.html",
        "muong-te/index.html",
        "sin-ho/index.html",
        "en/index.html",
    ] {
        assert!(site.path(page).is_file(), "{page} was not written");
    }
    let home = site.read("index.html");
    assert!(
        home.contains("Tỉnh Lai Châu"),
        "the title comes from the root unit"
    );
}

#[test]
fn lai_chau_builds_identically_twice() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let first = build_root_to(lai_chau(), &a.path().join("site"));
    let second = build_root_to(lai_chau(), &b.path().join("site"));
    let (fa, fb) = (first.files(), second.files());
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (path, bytes) in &fa {
        assert!(
            bytes == &fb[path],
            "{} differs between two builds",
            path.display()
        );
    }
}
