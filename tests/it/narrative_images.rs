//! Images in narratives: an editor puts a photo under `content/anh/` and writes
//! `![what it shows](anh/photo.jpg)`; the build publishes the file, byte for byte, under
//! `media/`, and every page showing it points at that copy, whatever its depth and language.
//! Each mistake is refused (or warned about) with the Markdown file and line.

use crate::common::{chiso, decode_entities, warnings_about, Project};

/// Bytes that are no text (so that nothing re-encodes them unnoticed).
fn photo(seed: u8, len: usize) -> Vec<u8> {
    // What the checks read of a JPEG: its start, and a frame header giving 1200 × 800 pixels.
    let header: &[u8] = &[
        0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x03, 0x20, 0x04, 0xB0, 0x03, 0x01, 0x22, 0x00,
        0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
    ];
    let mut x = u32::from(seed) | 0x9e37_0000;
    let body = (0..len.saturating_sub(header.len())).map(|_| {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        (x >> 24) as u8
    });
    header.iter().copied().chain(body).collect()
}

/// A PNG's signature and header chunk, giving `width` × `height` pixels.
fn drawing(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    bytes.extend_from_slice(&width.to_be_bytes());
    bytes.extend_from_slice(&height.to_be_bytes());
    bytes.extend_from_slice(&[8, 2, 0, 0, 0, 0, 0, 0, 0]);
    bytes
}

/// A province with two districts, figures for one of them, and narratives with images: a unit
/// page (depth 1) in both languages, the home page and a page of its own.
fn project() -> Project {
    let p = Project::province_with_two_districts();
    p.values(
        "huyen-a",
        "subscribers,2023,actual,1000\nsubscribers,2024,actual,1200\npopulation,2024,actual,3000",
    );
    p.write_bytes("content/anh/tram-bts.jpg", &photo(1, 5000));
    p.write_bytes("content/anh/sơ đồ mạng.PNG", &drawing(640, 480));
    // Not shown by any narrative: not published.
    p.write_bytes("content/anh/khong-dung.jpg", &photo(3, 100));
    p.write(
        "content/huyen-a.md",
        "+++\ntitle = \"Huyện An Bình\"\n+++\n## Hạ tầng\n\n\
         ![Trạm BTS mới ở xã Mường Mùn](anh/tram-bts.jpg)\n\n\
         Sơ đồ: ![Sơ đồ mạng cáp quang của huyện](<anh/sơ đồ mạng.PNG>)\n",
    );
    p.write(
        "content/huyen-a.en.md",
        "+++\ntitle = \"An Binh District\"\n+++\n![New BTS tower in Mường Mùn commune](anh/tram-bts.jpg)\n",
    );
    p.write(
        "content/_index.md",
        "+++\ntitle = \"Tỉnh Thử Nghiệm\"\n+++\nẢnh: ![Trạm BTS mới ở xã Mường Mùn](./anh/tram-bts.jpg)\n",
    );
    p.write(
        "content/pages/gioi-thieu.md",
        "+++\ntitle = \"Giới thiệu\"\n+++\nẢnh:\n\n![Trạm BTS mới ở xã Mường Mùn](../anh/tram-bts.jpg)\n",
    );
    p
}

/// The `src` and `alt` of every `<img>` of a page, entities decoded.
fn images(html: &str) -> Vec<(String, String)> {
    html.split("<img ")
        .skip(1)
        .map(|tag| {
            let tag = tag.split('>').next().unwrap_or("");
            let attr = |name: &str| {
                tag.split(&format!(" {name}=\""))
                    .nth(1)
                    .or_else(|| tag.strip_prefix(&format!("{name}=\"")))
                    .and_then(|rest| rest.split('"').next())
                    .map(decode_entities)
                    .unwrap_or_default()
            };
            (attr("src"), attr("alt"))
        })
        .collect()
}

/// A relative address on the page at `page` (a path in the site), as a path in the site.
fn resolve(page: &str, src: &str) -> String {
    assert!(
        !src.starts_with('/') && !src.contains("://"),
        "{page}: {src} is not relative"
    );
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for segment in src.split('/') {
        match segment {
            ".." => {
                assert!(parts.pop().is_some(), "{page}: {src} leaves the site");
            }
            "." => {}
            s => parts.push(s),
        }
    }
    percent_decode(&parts.join("/"))
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).expect("two hex digits");
            out.push(u8::from_str_radix(hex, 16).expect("hex"));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).expect("UTF-8 path")
}

#[test]
fn images_are_copied_as_they_are_and_every_page_finds_them() {
    let p = project();
    let site = p.build();
    let original = std::fs::read(p.root().join("content/anh/tram-bts.jpg")).unwrap();
    assert_eq!(site.read_bytes("media/anh/tram-bts.jpg"), original);
    assert_eq!(
        site.read_bytes("media/anh/sơ đồ mạng.PNG"),
        std::fs::read(p.root().join("content/anh/sơ đồ mạng.PNG")).unwrap()
    );
    assert!(!site.path("media/anh/khong-dung.jpg").exists());
    let media: Vec<_> = site
        .files()
        .into_keys()
        .filter(|f| f.starts_with("media"))
        .collect();
    assert_eq!(media.len(), 2, "{media:?}");

    for (page, alt) in [
        ("huyen-a/index.html", "Trạm BTS mới ở xã Mường Mùn"),
        (
            "en/huyen-a/index.html",
            "New BTS tower in Mường Mùn commune",
        ),
        ("index.html", "Trạm BTS mới ở xã Mường Mùn"),
        ("pages/gioi-thieu/index.html", "Trạm BTS mới ở xã Mường Mùn"),
        // No English text: the English page shows the Vietnamese one, one folder deeper.
        (
            "en/pages/gioi-thieu/index.html",
            "Trạm BTS mới ở xã Mường Mùn",
        ),
    ] {
        let html = site.read(page);
        let found = images(&html);
        assert!(!found.is_empty(), "{page} shows no image");
        let (src, shown_alt) = &found[0];
        assert_eq!(shown_alt, alt, "{page}");
        let file = resolve(page, src);
        assert_eq!(file, "media/anh/tram-bts.jpg", "{page}: {src}");
        assert_eq!(site.read_bytes(&file), original, "{page}");
        // The size in pixels keeps the image's room while it loads.
        assert!(
            html.contains("width=\"1200\" height=\"800\" loading=\"lazy\" decoding=\"async\""),
            "{page}"
        );
    }
    // A name with spaces and Vietnamese letters is encoded in the address.
    let html = site.read("huyen-a/index.html");
    let (src, alt) = &images(&html)[1];
    assert_eq!(
        src,
        "../media/anh/s%C6%A1%20%C4%91%E1%BB%93%20m%E1%BA%A1ng.PNG"
    );
    assert_eq!(alt, "Sơ đồ mạng cáp quang của huyện");
    assert!(html.contains("width=\"640\" height=\"480\""), "{html}");
    assert!(site.path(&resolve("huyen-a/index.html", src)).is_file());
}

#[test]
fn two_builds_are_byte_identical() {
    let p = project();
    let out = tempfile::tempdir().unwrap();
    let a = p.build_to(&out.path().join("a")).files();
    let b = p.build_to(&out.path().join("b")).files();
    assert!(a.keys().any(|k| k.starts_with("media")));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(b[path] == *bytes, "{} differs", path.display());
    }
}

/// Runs `chiso --lang en <command>`; returns (success, everything printed).
fn run(p: &Project, command: &str) -> (bool, String) {
    let root = p.root().to_str().unwrap();
    let r = chiso(&["--lang", "en", command, "--root", root]);
    (r.success, r.output)
}

#[test]
fn each_mistake_is_named_with_its_file_and_line_by_check_and_build() {
    let p = project();
    p.write(
        "content/huyen-b.md",
        "+++\ntitle = \"Huyện Bình Minh\"\n+++\nMở đầu.\n\n\
         ![Trạm BTS](anh/tram-bst.jpg)\n\n\
         ![](anh/tram-bts.jpg)\n\n\
         ![Trạm BTS](../anh/tram-bts.jpg)\n\n\
         ![Trạm BTS](https://example.vn/tram.jpg)\n\n\
         ![Báo cáo](anh/bao-cao.pdf)\n\n\
         <img src=\"anh/tram-bts.jpg\" alt=\"Trạm\">\n\n\
         ![Trạm BTS](anh/iphone.jpg)\n\n\
         ![Trạm BTS](anh/hong.jpg)\n",
    );
    // A photo kept in an iPhone's own format, and a file that is no image, both named `.jpg`.
    p.write_bytes(
        "content/anh/iphone.jpg",
        b"\0\0\0\x18ftypheic\0\0\0\0mif1heic",
    );
    p.write_bytes("content/anh/hong.jpg", b"%PDF-1.4\n");
    p.write(
        "content/pages/gioi-thieu.en.md",
        "+++\ntitle = \"About\"\n+++\n![BTS tower](anh/tram-bts.jpg)\n",
    );
    let expected = [
        "content/huyen-b.md:6: error: there is no image file `anh/tram-bst.jpg` (the path starts from the folder of this narrative). Copy the image into `content/anh/` or correct its name. Did you mean `anh/tram-bts.jpg`?",
        "content/huyen-b.md:8: error: the image `anh/tram-bts.jpg` has no text description.",
        "content/huyen-b.md:10: error: the image `../anh/tram-bts.jpg` is outside the project's `content/` folder",
        "content/huyen-b.md:12: warning: the image `https://example.vn/tram.jpg` comes from elsewhere",
        "content/huyen-b.md:14: error: `anh/bao-cao.pdf` is not a kind of image chiso publishes.",
        "content/huyen-b.md:16: warning: an image written as an HTML `<img>` tag",
        "content/huyen-b.md:18: error: `anh/iphone.jpg` is a HEIC photo (an iPhone's format), which most browsers do not show. Open it and save it again as JPEG",
        "content/huyen-b.md:20: error: `anh/hong.jpg` cannot be read as an image",
        // From content/pages/, the same folder is one up.
        "content/pages/gioi-thieu.en.md:4: error: there is no image file `anh/tram-bts.jpg`",
        "Did you mean `../anh/tram-bts.jpg`?",
        "7 error(s), 2 warning(s).",
    ];
    let (ok, check) = run(&p, "check");
    assert!(!ok, "{check}");
    let (ok, build) = run(&p, "build");
    assert!(!ok, "{build}");
    for e in expected {
        assert!(check.contains(e), "check misses {e:?}:\n{check}");
        assert!(build.contains(e), "build misses {e:?}:\n{build}");
    }
    assert!(!p.root().join("site").exists(), "nothing is published");

    // In Vietnamese, by default, with what to write.
    let root = p.root().to_str().unwrap();
    let vi = chiso(&["check", "--root", root]).output;
    assert!(
        vi.contains("content/huyen-b.md:8: lỗi: ảnh `anh/tram-bts.jpg` chưa có lời mô tả."),
        "{vi}"
    );
    assert!(
        vi.contains("ví dụ `![Trạm BTS mới ở xã Mường Mùn](anh/tram-bts.jpg)`"),
        "{vi}"
    );
}

#[test]
fn a_large_image_is_published_with_a_warning() {
    let p = project();
    p.write_bytes("content/anh/anh-lon.jpg", &photo(4, 400 * 1024));
    p.write(
        "content/huyen-b.md",
        "+++\ntitle = \"Huyện Bình Minh\"\n+++\n\n![Toàn cảnh trung tâm huyện](anh/anh-lon.jpg)\n",
    );
    let (ok, check) = run(&p, "check");
    assert!(ok, "{check}");
    let warned = warnings_about(&check, "anh/anh-lon.jpg");
    assert_eq!(warned.len(), 1, "{check}");
    assert!(
        warned[0].starts_with("content/huyen-b.md:5: warning: the image `anh/anh-lon.jpg` weighs 400 KB, more than 300 KB"),
        "{}",
        warned[0]
    );
    assert!(warned[0].contains("Resize it to about 1200 pixels wide"));
    let site = p.build();
    assert_eq!(site.read_bytes("media/anh/anh-lon.jpg").len(), 400 * 1024);
    assert_eq!(warnings_about(&site.log, "anh/anh-lon.jpg").len(), 1);
}

#[test]
fn an_image_from_elsewhere_is_published_with_a_warning_and_not_fetched() {
    let p = project();
    p.write(
        "content/huyen-b.md",
        "+++\ntitle = \"Huyện Bình Minh\"\n+++\n![Trạm BTS](https://example.vn/tram.jpg)\n",
    );
    let site = p.build();
    let warned = warnings_about(&site.log, "https://example.vn/tram.jpg");
    assert_eq!(warned.len(), 1, "{}", site.log);
    assert!(
        warned[0].starts_with("content/huyen-b.md:4: "),
        "{}",
        warned[0]
    );
    // The page keeps the address; its security policy stops the browser from fetching it.
    let html = site.read("huyen-b/index.html");
    assert_eq!(
        images(&html),
        [(
            "https://example.vn/tram.jpg".to_string(),
            "Trạm BTS".to_string()
        )]
    );
    assert!(
        html.contains("img-src 'self' data:;"),
        "the policy is unchanged"
    );
    assert!(!site.files().keys().any(|f| f.starts_with("media/tram.jpg")));
}

#[test]
fn no_unit_may_take_the_images_folder() {
    let p =
        Project::new("01,tinh,Tỉnh,Province,province,\n001,media,Huyện M,M District,district,01\n");
    let (ok, out) = run(&p, "check");
    assert!(!ok);
    assert!(
        out.contains("`media` is a folder name chiso keeps"),
        "{out}"
    );
}
