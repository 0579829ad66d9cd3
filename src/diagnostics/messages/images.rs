//! The images of a narrative: a file that is missing, outside `content/`, not an image
//! browsers show, too heavy, from elsewhere, or without its text description.

use super::words::{did_you_mean_in, in_lang};
use crate::diagnostics::problem::Problem;
use crate::lang::Lang;

/// The wording of a problem of an image.
pub(super) fn describe(problem: &Problem, lang: Lang) -> String {
    let l = in_lang(lang);
    let did_you_mean = did_you_mean_in(lang);
    match problem {
        Problem::ImageMissing { path, suggestion } if path.is_empty() => l(
            format!("ảnh chưa có tên tệp. Ghi đường dẫn tới ảnh giữa hai dấu ngoặc tròn, ví dụ `![Trạm BTS mới ở xã Mường Mùn](anh/tram-bts.jpg)`.{}", did_you_mean(suggestion)),
            format!("the image names no file. Write the image's path between the round brackets, e.g. `![New BTS tower in Mường Mùn commune](anh/tram-bts.jpg)`.{}", did_you_mean(suggestion)),
        ),
        Problem::ImageMissing { path, suggestion } => l(
            format!("không có tệp ảnh `{path}` (đường dẫn tính từ thư mục chứa tệp bài viết này). Chép ảnh vào `content/anh/` hoặc sửa lại tên tệp.{}", did_you_mean(suggestion)),
            format!("there is no image file `{path}` (the path starts from the folder of this narrative). Copy the image into `content/anh/` or correct its name.{}", did_you_mean(suggestion)),
        ),
        Problem::ImageNoAlt { path } => l(
            format!("ảnh `{path}` chưa có lời mô tả. Người không xem được ảnh (người khiếm thị dùng phần mềm đọc màn hình, hoặc khi ảnh không tải được) chỉ nhận được lời mô tả, và quy định bắt buộc phải có: ghi điều ảnh cho thấy giữa hai dấu ngoặc vuông, ví dụ `![Trạm BTS mới ở xã Mường Mùn]({path})`."),
            format!("the image `{path}` has no text description. Readers who cannot see the image (blind readers using a screen reader, or when the image does not load) get only the description, and the regulations require one: write what the image shows between the square brackets, e.g. `![New BTS tower in Mường Mùn commune]({path})`."),
        ),
        Problem::ImageOutsideContent { path, suggestion } => l(
            format!("ảnh `{path}` nằm ngoài thư mục `content/` của dự án, nên không đăng được. Chép ảnh vào `content/anh/` và ghi đường dẫn tính từ thư mục chứa tệp bài viết này, ví dụ `anh/tram-bts.jpg` (từ `content/pages/` thì `../anh/tram-bts.jpg`).{}", did_you_mean(suggestion)),
            format!("the image `{path}` is outside the project's `content/` folder, so it cannot be published. Copy the image into `content/anh/` and write its path from the folder of this narrative, e.g. `anh/tram-bts.jpg` (from `content/pages/`: `../anh/tram-bts.jpg`).{}", did_you_mean(suggestion)),
        ),
        Problem::ImageType { path, allowed } => l(
            format!("`{path}` không phải loại ảnh chiso đăng được. Dùng tệp {}; ảnh chụp nên lưu dạng `.jpg`, sơ đồ và hình vẽ dạng `.png`.", image_types(allowed, "hoặc")),
            format!("`{path}` is not a kind of image chiso publishes. Use a {} file; save photos as `.jpg`, diagrams and drawings as `.png`.", image_types(allowed, "or")),
        ),
        Problem::ImageContent { path, format: Some(format) } if format == "HEIC" => l(
            format!("`{path}` là ảnh HEIC (dạng ảnh của iPhone), phần lớn trình duyệt không hiển thị được. Mở ảnh và lưu lại dạng JPEG (`.jpg`), hoặc trên iPhone chọn Cài đặt → Camera → Định dạng → Tương thích nhất."),
            format!("`{path}` is a HEIC photo (an iPhone's format), which most browsers do not show. Open it and save it again as JPEG (`.jpg`), or on the iPhone choose Settings → Camera → Formats → Most Compatible."),
        ),
        Problem::ImageContent { path, format: Some(format) } => l(
            format!("`{path}` là ảnh {format}, trình duyệt không hiển thị được. Mở ảnh và lưu lại dạng JPEG (`.jpg`) nếu là ảnh chụp, PNG (`.png`) nếu là sơ đồ, hình vẽ."),
            format!("`{path}` is a {format} image, which browsers do not show. Open it and save it again as JPEG (`.jpg`) for a photo, PNG (`.png`) for a diagram or drawing."),
        ),
        Problem::ImageContent { path, format: None } => l(
            format!("`{path}` không đọc được như một ảnh: tệp bị hỏng, chép chưa hết, hoặc không phải ảnh dù tên có đuôi của ảnh. Mở tệp bằng trình xem ảnh để kiểm tra, rồi lưu lại dạng JPEG (`.jpg`)."),
            format!("`{path}` cannot be read as an image: the file is damaged, was not copied completely, or is not an image although its name ends like one. Open it in an image viewer to check, then save it again as JPEG (`.jpg`)."),
        ),
        Problem::ImageExternal { url } => l(
            format!("ảnh `{}` lấy từ nơi khác, không phải tệp trong dự án. Vì lý do bảo mật, trang chỉ hiện ảnh đăng cùng trang, nên ảnh này sẽ không hiển thị. Tải ảnh về, chép vào `content/anh/` và ghi `anh/<tên tệp>`.", shorten(url)),
            format!("the image `{}` comes from elsewhere, not from a file in the project. For security, the pages show only images published with them, so this one would not appear. Download the image into `content/anh/` and write `anh/<file name>`.", shorten(url)),
        ),
        Problem::ImageHtml => l(
            "ảnh viết bằng thẻ HTML `<img>` không được chép vào trang và sẽ không hiển thị. Viết ảnh theo cách của Markdown: `![Trạm BTS mới ở xã Mường Mùn](anh/tram-bts.jpg)`.".into(),
            "an image written as an HTML `<img>` tag is not copied into the site and would not appear. Write it the Markdown way: `![New BTS tower in Mường Mùn commune](anh/tram-bts.jpg)`.".into(),
        ),
        Problem::ImageLarge { path, bytes, limit } => l(
            format!("ảnh `{path}` nặng {}, vượt {}: người đọc trên điện thoại, mạng chậm phải chờ lâu. Thu nhỏ ảnh còn khoảng 1200 điểm ảnh chiều ngang và lưu dạng JPEG.", size(*bytes), size(*limit)),
            format!("the image `{path}` weighs {}, more than {}: readers on phones and slow connections wait for it. Resize it to about 1200 pixels wide and save it as JPEG.", size(*bytes), size(*limit)),
        ),
        _ => unreachable!("not a problem of an image: `Problem::describe` sends it elsewhere"),
    }
}

/// `.jpg`, `.jpeg`, … or `.avif`: the image files a narrative may show.
fn image_types(allowed: &[&str], or: &str) -> String {
    let types: Vec<String> = allowed.iter().map(|e| format!("`.{e}`")).collect();
    match types.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} {or} {last}", rest.join(", ")),
        _ => types.concat(),
    }
}

/// A long address (a `data:` image holds the whole picture) cut to what identifies it.
fn shorten(url: &str) -> String {
    const KEEP: usize = 80;
    match url.char_indices().nth(KEEP) {
        Some((at, _)) => format!("{}…", &url[..at]),
        None => url.to_string(),
    }
}

/// A file size as people say it: `420 KB`, `1.8 MB` (plain digits, like the other warnings).
fn size(bytes: u64) -> String {
    let kb = bytes as f64 / 1024.0;
    if kb < 1024.0 {
        format!("{} KB", kb.round() as u64)
    } else {
        format!("{:.1} MB", kb / 1024.0)
    }
}
