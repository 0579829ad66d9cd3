//! Turning the bytes an editor's software saved into clean text.
//!
//! Excel on Vietnamese Windows saves "CSV" as Windows-1258 (with combining accents), other
//! software writes UTF-8 with or without a byte-order mark, or UTF-16. Everything becomes UTF-8
//! in Unicode NFC so that a name typed on any system compares equal.

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1258};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Decodes a text file's bytes whatever the encoding, to NFC without a byte-order mark.
pub fn decode(bytes: &[u8]) -> String {
    let text = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(rest).into_owned()
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        UTF_16LE.decode_without_bom_handling(rest).0.into_owned()
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        UTF_16BE.decode_without_bom_handling(rest).0.into_owned()
    } else {
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            // Not UTF-8: what Excel's plain "CSV" writes on a Vietnamese system.
            Err(_) => WINDOWS_1258
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
        }
    };
    if is_nfc(&text) {
        text
    } else {
        text.nfc().collect()
    }
}

/// [`decode`] of bytes it may keep: UTF-8 (the common case) becomes the text without a copy,
/// so that a large file is held once, not twice.
pub fn decode_owned(mut bytes: Vec<u8>) -> String {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return decode(&bytes);
    }
    let bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
    if bom {
        bytes.drain(..3);
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        // UTF-8 with a broken byte after its mark: as `decode` reads it.
        Err(e) if bom => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        // Not UTF-8: Windows-1258, as `decode` reads it.
        Err(e) => return decode(e.as_bytes()),
    };
    if is_nfc(&text) {
        text
    } else {
        text.nfc().collect()
    }
}

pub fn nfc(s: &str) -> String {
    if is_nfc(s) {
        s.to_string()
    } else {
        s.nfc().collect()
    }
}

/// Whether `s` is certainly NFC already (ASCII, or precomposed text as most software saves
/// it), which is much quicker to tell than to normalize it; `false` when unsure. ASCII is NFC
/// and ends any sequence of combining marks, so only the runs of other characters are checked,
/// each as a string of its own.
fn is_nfc(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(start) = bytes[from..].iter().position(|b| !b.is_ascii()) {
        let start = from + start;
        let end = bytes[start..]
            .iter()
            .position(u8::is_ascii)
            .map_or(bytes.len(), |n| start + n);
        if is_nfc_quick(s[start..end].chars()) != IsNormalized::Yes {
            return false;
        }
        from = end;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_every_saved_form_to_the_same_nfc_text() {
        let expected = "Huyện Tuần Giáo";
        let utf8 = expected.as_bytes().to_vec();
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(&utf8);
        let mut utf16 = vec![0xFF, 0xFE];
        for u in expected.encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        // Windows-1258 spells ệ as ê + combining dot below (0xF2), and ầ/á with combining marks.
        let decomposed: String = expected.nfd().collect();
        // Windows-1258 has ê and â but writes the tone marks as combining characters.
        let cp1258 = b"Huy\xEA\xF2n Tu\xE2\xCCn Gi\xE1o".to_vec();
        for bytes in [utf8, bom, utf16, cp1258, decomposed.into_bytes()] {
            assert_eq!(decode(&bytes), expected);
            assert_eq!(decode_owned(bytes), expected);
        }
    }

    #[test]
    fn tells_nfc_text_as_normalizing_does() {
        let samples = [
            "",
            "plain ascii, 123",
            "Huyện Tuần Giáo",
            "Số liệu minh họa (benchmark),illustrative\nbts_sites,2020,actual,1",
            "Huye\u{302}\u{323}n",
            "a\u{301}",
            "\u{301}abc",
            "e\u{323}\u{302} x \u{1EC7}",
            "한국어 and 日本語",
            "Å Ω ﬁ",
        ];
        for s in samples {
            let normal = s.nfc().collect::<String>() == s;
            if is_nfc(s) {
                assert!(normal, "{s:?} is not NFC");
            }
            assert_eq!(nfc(s), s.nfc().collect::<String>());
            assert_eq!(decode(s.as_bytes()), s.nfc().collect::<String>());
        }
        assert!(is_nfc("Huyện Tuần Giáo, số liệu"));
    }
}
