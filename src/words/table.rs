//! The table of the command line's messages: one entry per message, Vietnamese then English,
//! grouped by the command that prints it. `{name}`s are filled in by `words::fill`.

use super::Message;

/// Declares each message as a constant and lists them all in `ALL`, so that no message can be
/// left out of the tests.
macro_rules! messages {
    ($( $(#[$doc:meta])* $name:ident: $vi:expr, $en:expr; )*) => {
        $(
            $(#[$doc])*
            pub const $name: Message = Message { name: stringify!($name), vi: $vi, en: $en };
        )*
        /// Every message of the table.
        pub const ALL: &[Message] = &[$($name),*];
    };
}

messages! {
    // ---- Every command ----
    /// Before a message that ends the command: `lỗi: …`.
    ERROR: "lỗi", "error";

    // ---- The command line itself: help ----
    CLI_ABOUT:
        "chiso: trang theo dõi các chỉ số công nghệ thông tin và truyền thông của một tỉnh, dựng từ tệp CSV và bài viết Markdown.",
        "chiso: a provincial ICT indicator dashboard from CSV files and Markdown narratives.";
    CLI_USAGE: "Cách dùng", "Usage";
    CLI_COMMANDS: "Lệnh", "Commands";
    /// The command's place in the usage line: `chiso [TÙY-CHỌN] <LỆNH>`.
    CLI_COMMAND_VALUE: "LỆNH", "COMMAND";
    CLI_OPTIONS: "Tùy chọn", "Options";
    /// The options' place in the usage line: `chiso build [TÙY-CHỌN]`.
    CLI_OPTIONS_VALUE: "TÙY-CHỌN", "OPTIONS";
    CLI_ARGUMENTS: "Đối số", "Arguments";
    // The values' names in the usage and the options' list: `--root <THƯ-MỤC>`.
    CLI_VALUE_LANG: "NGÔN-NGỮ", "LANG";
    CLI_VALUE_ROOT: "THƯ-MỤC", "ROOT";
    CLI_VALUE_OUTPUT: "THƯ-MỤC", "OUTPUT";
    CLI_VALUE_BASE_URL: "ĐỊA-CHỈ", "BASE_URL";
    CLI_FORCE_HELP:
        "Dựng cả vào thư mục đã có tệp không do chiso ghi (các tệp đó được giữ nguyên)",
        "Build even into a folder that holds files chiso did not write (they are kept)";
    CLI_VALUE_PORT: "SỐ", "PORT";
    CLI_VALUE_DIR: "THƯ-MỤC", "DIR";
    CLI_VALUE_PROVINCE: "MÃ", "PROVINCE";
    CLI_HELP_HELP: "In hướng dẫn này", "Print help";
    CLI_VERSION_HELP: "In số phiên bản", "Print version";
    CLI_LANG_HELP:
        "Ngôn ngữ của thông báo: vi (mặc định) hoặc en",
        "Language of messages: vi (default) or en";
    /// After every help: what the exit codes mean, for scripts and scheduled tasks.
    CLI_EXIT_CODES:
        "Mã thoát:\n  0  thành công (có thể kèm cảnh báo)\n  1  dữ liệu đầu vào của dự án có lỗi\n  2  lệnh không chạy được: sai tùy chọn, không có thư mục, thư mục không phải dự án, không ghi được tệp",
        "Exit codes:\n  0  success (warnings allowed)\n  1  the project's input has errors\n  2  the command could not run: wrong options, no such folder, a folder that is not a project, a file that cannot be written";
    CLI_BUILD_ABOUT: "Dựng trang", "Build the site";
    CLI_ROOT_HELP:
        "Thư mục dự án (mặc định: thư mục hiện tại)",
        "The project folder (default: the current folder)";
    CLI_OUTPUT_HELP:
        "Nơi ghi trang (mặc định: thư mục site trong thư mục dự án)",
        "Where to write the site (default: ROOT/site)";
    CLI_BASE_URL_HELP:
        "Địa chỉ đăng trang, cho liên kết chính tắc, sơ đồ trang và bản tin",
        "The published address, for the canonical link, sitemap and feed";
    CLI_CHECK_ABOUT: "Kiểm tra dữ liệu đầu vào, không ghi gì", "Check the input and write nothing";
    CLI_SERVE_ABOUT:
        "Xem trước trang trên máy này; trang tự tải lại khi lưu tệp",
        "Preview the site on this computer; pages reload by themselves when a file is saved";
    CLI_PORT_HELP:
        "Cổng trên 127.0.0.1 (mặc định: 1111); 0 để tự chọn một cổng trống",
        "The port on 127.0.0.1 (default: 1111); 0 picks a free one";
    CLI_NEW_ABOUT:
        "Tạo dự án mới cho một tỉnh trong một thư mục trống",
        "Start a new province's project in an empty folder";
    CLI_NEW_DIR_HELP: "Thư mục sẽ tạo", "The folder to create";
    CLI_PROVINCE_HELP:
        "Tỉnh, thành phố: mã (`08`) hoặc tên (`Tuyên Quang`, `tuyen quang`), theo bản đồ từ 1/7/2025 (với `--before-2025`: theo bản đồ trước đó)",
        "The province: its code (`08`) or name (`Tuyên Quang`, `tuyen quang`), as it is since 1 July 2025 (with `--before-2025`: as it was before)";
    CLI_HISTORY_HELP:
        "Thêm các huyện cũ của tỉnh (đến hết nửa đầu năm 2025; với tỉnh hợp nhất: của mọi tỉnh đã nhập vào), và xã nào được lập từ huyện nào",
        "Also the province's former districts (until the first half of 2025, for a merged province those of every province it absorbed), each commune formed from them";
    CLI_BEFORE_2025_HELP:
        "Tỉnh và các huyện như trước 1/7/2025",
        "The province and its districts as they were before 1 July 2025";
    CLI_LIST_HELP:
        "Liệt kê các tỉnh, thành phố và mã của chúng (với `--before-2025`: danh sách cũ)",
        "List the provinces and their codes (with `--before-2025`: the former list)";

    // ---- The command line itself: errors (clap's, worded here) ----
    CLI_UNKNOWN_ARGUMENT:
        "không có tùy chọn `{arg}`", "there is no option `{arg}`";
    CLI_UNEXPECTED_ARGUMENT:
        "lệnh này không nhận `{arg}`", "`{arg}` was not expected here";
    CLI_DID_YOU_MEAN: "Có phải ý bạn là `{suggestion}`?", "Did you mean `{suggestion}`?";
    CLI_AS_A_VALUE:
        "Nếu `{arg}` là một giá trị, hãy viết `-- {arg}`.",
        "If `{arg}` is a value, write `-- {arg}`.";
    CLI_INVALID_VALUE:
        "`{value}` không phải giá trị hợp lệ của `{arg}`",
        "`{value}` is not a valid value for `{arg}`";
    CLI_POSSIBLE_VALUES: "Các giá trị được nhận: {values}.", "Possible values: {values}.";
    CLI_MISSING_VALUE: "`{arg}` cần một giá trị", "`{arg}` needs a value";
    CLI_MISSING_REQUIRED: "còn thiếu {args}", "missing {args}";
    CLI_CONFLICT:
        "không dùng `{arg}` cùng với `{other}`", "`{arg}` cannot be used with `{other}`";
    CLI_REPEATED: "`{arg}` chỉ được dùng một lần", "`{arg}` can be given only once";
    CLI_UNKNOWN_COMMAND: "không có lệnh `{command}`", "there is no command `{command}`";
    CLI_MISSING_COMMAND: "thiếu tên lệnh", "no command was given";
    CLI_NOT_UTF8:
        "dòng lệnh có ký tự không đọc được", "the command line has characters that cannot be read";
    /// Any other mistake clap finds: its own words follow.
    CLI_OTHER: "dòng lệnh không hợp lệ: {details}", "invalid command line: {details}";
    CLI_TRY_HELP:
        "Xem hướng dẫn: `{command} --help`.", "For more information, try `{command} --help`.";
    CLI_NEW_USAGE:
        "cần thư mục và tỉnh: `chiso new THƯ-MỤC --province MÃ`",
        "a folder and a province are needed: `chiso new FOLDER --province CODE`";

    // ---- build, check ----
    BASE_URL_NOT_HTTP:
        "--base-url `{url}` phải là địa chỉ http:// hoặc https://",
        "--base-url `{url}` must be an http:// or https:// address";
    BUILD_UP_TO_DATE:
        "{out} đã mới nhất: dữ liệu đầu vào không đổi từ lần dựng trước, không ghi lại tệp nào ({ms} ms).",
        "{out} is up to date: no input changed since the last build; nothing was written ({ms} ms).";
    BUILD_PARTIAL:
        "Đã dựng {files} tệp ({changed} tệp thay đổi) vào {out} trong {ms} ms: chỉ số liệu đổi, dựng lại {rendered} trang, giữ nguyên {kept} trang.",
        "Built {files} files ({changed} changed) into {out} in {ms} ms: only figures changed; {rendered} pages rendered again, {kept} kept as they were.";
    BUILD_FULL:
        "Đã dựng {files} tệp ({changed} tệp thay đổi) vào {out} trong {ms} ms.",
        "Built {files} files ({changed} changed) into {out} in {ms} ms.";
    /// After the list of input errors, when there is a site from before.
    NOTHING_BUILT_KEPT:
        "Chưa dựng trang; {out} vẫn giữ nguyên như cũ.", "Nothing was built; {out} is unchanged.";
    NOTHING_BUILT: "Chưa dựng trang.", "Nothing was built.";
    BUILD_INTO_FAILED:
        "không dựng được trang vào {out}", "the build into {out} failed";
    BUILD_FAILED: "không dựng được trang", "the build failed";
    INPUT_HAS_ERRORS: "dữ liệu đầu vào có {n} lỗi", "the input has {n} error(s)";
    /// Run in the current folder: the message needs no folder's name.
    NOT_A_PROJECT_HERE:
        "không có data/units.csv: đây chưa phải thư mục dự án; chạy `chiso new` để tạo dự án mới, hoặc chạy lệnh trong thư mục dự án (hay chỉ tới nó bằng `--root`).",
        "there is no data/units.csv: this is not a project folder; run `chiso new` to start a project, or run the command in the project's folder (or point `--root` at it).";
    NOT_A_PROJECT:
        "{root}: không có data/units.csv: đây chưa phải thư mục dự án; chạy `chiso new` để tạo dự án mới, hoặc chạy lệnh trong thư mục dự án (hay chỉ tới nó bằng `--root`).",
        "{root}: there is no data/units.csv: this is not a project folder; run `chiso new` to start a project, or run the command in the project's folder (or point `--root` at it).";
    NO_SUCH_FOLDER:
        "không có thư mục {root}. Kiểm tra `--root`, hoặc chạy `chiso new` để tạo dự án mới.",
        "there is no folder {root}. Check `--root`, or run `chiso new` to start a project.";
    CANNOT_WRITE_SITE: "không ghi được trang ra đĩa: {error}", "cannot write the site: {error}";
    // ---- Where the site may be written ----
    OUTPUT_IS_PROJECT:
        "không dựng trang vào {output}: đó là chính thư mục dự án, dựng vào đó sẽ xoá số liệu và bài viết. Chọn thư mục khác bằng `--output`, ví dụ `--output site`.",
        "will not build into {output}: it is the project folder itself, and building there would delete the figures and narratives. Choose another folder with `--output`, e.g. `--output site`.";
    OUTPUT_IN_INPUT:
        "không dựng trang vào {output}: thư mục này nằm trong thư mục `{input}` của dự án, nơi để dữ liệu đầu vào. Chọn thư mục khác bằng `--output`, ví dụ `--output site`.",
        "will not build into {output}: it is inside the project's `{input}` folder, which holds its input. Choose another folder with `--output`, e.g. `--output site`.";
    OUTPUT_HOLDS_PROJECT:
        "không dựng trang vào {output}: thư mục này chứa cả dự án ({root}), dựng vào đó sẽ xoá dự án. Chọn một thư mục con mới, ví dụ `--output site`.",
        "will not build into {output}: it holds the project itself ({root}), and building there would delete it. Choose a new folder below it, e.g. `--output site`.";
    OUTPUT_IS_LINK:
        "{output} là một liên kết (link) tới {target}. chiso thay cả thư mục khi dựng, nên không dựng vào một liên kết. Ghi thẳng thư mục thật: `--output {target}`.",
        "{output} is a link to {target}. chiso replaces the whole folder when it builds, so it does not build into a link. Name the real folder: `--output {target}`.";
    OUTPUT_NOT_FOLDER:
        "{output} là một tệp, không phải thư mục. Chọn thư mục khác bằng `--output`.",
        "{output} is a file, not a folder. Choose another folder with `--output`.";
    OUTPUT_NOT_CHISOS:
        "{output} đã có tệp không do chiso ghi ({entries}), và không phải trang chiso đã dựng (không có tệp .chiso-manifest.json). chiso không ghi đè thư mục của người khác: chọn một thư mục mới hoặc trống bằng `--output`, hoặc thêm `--force` nếu thật sự muốn dựng vào đây (các tệp đang có được giữ nguyên).",
        "{output} holds files chiso did not write ({entries}) and is not a site chiso built (it has no .chiso-manifest.json). chiso does not write over somebody else's folder: choose a new or empty folder with `--output`, or add `--force` if you really mean to build here (the files there are kept).";
    /// After the names of a folder's first entries: how many more there are.
    OUTPUT_MORE: "và {n} mục khác", "and {n} more";
    MANIFEST_OUTSIDE:
        "{output}/.chiso-manifest.json ghi tệp `{path}`, nằm ngoài thư mục trang: chiso không xoá gì theo tệp này. Có thể tệp đã bị sửa tay. Xoá tệp .chiso-manifest.json rồi dựng lại với `--force` (các tệp đang có được giữ nguyên).",
        "{output}/.chiso-manifest.json lists `{path}`, outside the site folder: chiso deletes nothing on its word. It may have been edited by hand. Delete .chiso-manifest.json and build again with `--force` (the files there are kept).";
    BUILD_WAITING:
        "Một lần dựng khác đang ghi vào {out}: chờ nó xong…",
        "Another build is writing into {out}: waiting for it to finish…";
    CANNOT_MAKE_WORKBOOK:
        "không tạo được bảng tính `{path}`: {message}", "cannot make the workbook `{path}`: {message}";

    // ---- serve ----
    SERVE_CANNOT_WATCH: "không theo dõi được thư mục dự án", "cannot watch the project";
    SERVE_PORT_IN_USE_TRY:
        "cổng {port} đang được dùng (có thể bởi một `chiso serve` khác vẫn đang chạy). Dừng chương trình đó, hoặc chọn cổng khác: `chiso serve --port {free}`.",
        "port {port} is in use (perhaps by another `chiso serve` still running). Stop that program, or choose another port: `chiso serve --port {free}`.";
    SERVE_PORT_IN_USE:
        "cổng {port} đang được dùng. Dừng chương trình đang dùng nó, hoặc chọn cổng khác bằng `--port`.",
        "port {port} is in use. Stop the program using it, or choose another port with `--port`.";
    SERVE_CANNOT_LISTEN:
        "không mở được cổng 127.0.0.1:{port}: {error}", "cannot listen on 127.0.0.1:{port}: {error}";
    SERVE_CANNOT_MAKE_TEMP:
        "không tạo được thư mục tạm để dựng bản xem trước",
        "cannot make a temporary folder to build the preview in";
    SERVE_STOPPING:
        "Đang dừng: xóa thư mục tạm của bản xem trước…",
        "Stopping: removing the preview's temporary folder…";
    SERVE_CANNOT_HANDLE_CTRL_C: "không bắt được Ctrl+C", "cannot handle Ctrl+C";
    SERVE_SERVING:
        "Đang phục vụ trang tại http://{addr}/ (nhấn Ctrl+C để dừng)",
        "Serving the site at http://{addr}/ (press Ctrl+C to stop)";
    /// Before what a rebuild did, when the files saved are not known.
    SERVE_CHANGES: "Thay đổi: ", "Changes: ";
    SERVE_AND_MORE: "{name} và {more} tệp khác: ", "{name} and {more} more: ";
    SERVE_UP_TO_DATE: "không có gì thay đổi ({ms} ms).", "nothing changed ({ms} ms).";
    SERVE_PARTIAL:
        "đã dựng {files} tệp trong {ms} ms ({changed} thay đổi; chỉ số liệu đổi: dựng lại {rendered} trang, giữ nguyên {kept} trang).",
        "built {files} files in {ms} ms ({changed} changed; only figures changed: {rendered} pages rendered again, {kept} kept).";
    SERVE_FULL:
        "đã dựng {files} tệp trong {ms} ms ({changed} thay đổi).",
        "built {files} files in {ms} ms ({changed} changed).";
    SERVE_ERRORS_STILL_SERVING:
        "{count} lỗi sau {ms} ms; vẫn phục vụ bản dựng tốt gần nhất.",
        "{count} error(s) after {ms} ms; still serving the last good build.";
    SERVE_ERRORS_NO_SITE:
        "{count} lỗi sau {ms} ms; chưa có trang nào để phục vụ.",
        "{count} error(s) after {ms} ms; no site to serve yet.";
    /// The overlay's title over the last good build.
    SERVE_INPUT_HAS_ERRORS:
        "Dữ liệu đang có lỗi, chưa dựng lại được trang",
        "The input has errors; the site was not rebuilt";
    SERVE_LAST_GOOD_BUILD:
        "Trang đang hiển thị bản dựng tốt gần nhất. Sửa các lỗi dưới đây và lưu tệp: trang sẽ tự tải lại.",
        "This page shows the last good build. Fix the problems below and save the file: the page reloads by itself.";
    SERVE_NOT_BUILT: "Chưa dựng được trang", "The site could not be built";
    /// The overlay's note when there is no site yet.
    SERVE_FIX_AND_SAVE:
        "Sửa các lỗi dưới đây và lưu tệp: trang sẽ tự tải lại.",
        "Fix the problems below and save the file: the page reloads by itself.";
    /// The error page's note (the page is the one that reloads).
    SERVE_FIX_AND_SAVE_PAGE:
        "Sửa các lỗi dưới đây và lưu tệp: trang sẽ tự tải lại.",
        "Fix the problems below and save the file: this page reloads by itself.";
    SERVE_DISMISS: "Đóng", "Close";
    /// HTML: the page a link to a Word document or workbook shows in the preview.
    SERVE_BUILD_ONLY:
        "Để dựng lại ngay sau mỗi lần lưu, bản xem trước (<code>chiso serve</code>) không tạo các tệp Word và Excel. Chạy <code>chiso build</code> để tạo chúng cùng toàn bộ trang.",
        "To rebuild within a moment of each save, the preview (<code>chiso serve</code>) does not make the Word documents and workbooks. Run <code>chiso build</code> to make them with the whole site.";
    SERVE_BUILD_ONLY_TITLE:
        "Bản xem trước không tạo tệp này", "The preview does not make this file";

    // ---- new ----
    NEW_NOT_EMPTY:
        "thư mục `{dir}` đã có tệp. Chọn một thư mục chưa có hoặc còn trống, ví dụ `chiso new dien-bien --province 11`.",
        "`{dir}` is not empty. Choose a folder that does not exist yet or is empty, e.g. `chiso new dien-bien --province 11`.";
    /// Follows NEW_UNKNOWN_PROVINCE's first sentence, space included.
    NEW_DID_YOU_MEAN: " Có phải ý bạn là `{code}` ({name})?", " Did you mean `{code}` ({name})?";
    NEW_UNKNOWN_PROVINCE:
        "không có tỉnh, thành phố nào có mã hoặc tên `{given}`.{hint} Xem mã các tỉnh, thành phố bằng lệnh `chiso new --list`.",
        "no province has the code or name `{given}`.{hint} To see the codes, run `chiso new --list`.";
    /// Lào Cai kept its name and took Yên Bái's code: the old code is the slip.
    NEW_FORMER_CODE:
        "`{given}` là mã cũ của {old_name}; từ 1/7/2025 {new_name} mang mã {new_code}. Dùng `--province {new_code}`, thêm `--history` để giữ số liệu của các huyện cũ; dự án theo bản đồ trước 1/7/2025: thêm `--before-2025`.",
        "`{given}` is the former code of {old_name}; since 1 July 2025 {new_name} has the code {new_code}. Use `--province {new_code}`, and add `--history` to keep the figures of the former districts; for a project of the map before 1 July 2025, add `--before-2025`.";
    NEW_MERGED:
        "{old_name} đã hợp nhất vào {new_name} từ 1/7/2025; dùng `--province {new_code}`, thêm `--history` để giữ số liệu của các huyện cũ. Dự án theo bản đồ trước 1/7/2025 (mã {old_code}): thêm `--before-2025`.",
        "{old_name} became part of {new_name} on 1 July 2025; use `--province {new_code}`, and add `--history` to keep the figures of the former districts. For a project of the map before 1 July 2025 (code {old_code}), add `--before-2025`.";
    NEW_CANNOT_WRITE: "không ghi được `{path}`: {error}", "cannot write `{path}`: {error}";
    NEW_LIST_BROKEN:
        "lỗi của chương trình, danh mục đơn vị hành chính kèm theo bị hỏng: {error}",
        "a bug: the list of administrative units built into the program is broken: {error}";
    NEW_CREATED:
        "Đã tạo dự án cho {province} ({units} đơn vị) trong {dir}.\nBước tiếp theo: nhập số liệu vào {dir}/data/values/, rồi xem trước bằng `chiso serve --root {dir}`.\nHướng dẫn: {dir}/README.md\n",
        "Created a project for {province} ({units} units) in {dir}.\nNext: enter figures in {dir}/data/values/, then preview with `chiso serve --root {dir}`.\nSee {dir}/README.md\n";
    // `chiso new --list`: its columns' headings and its notes.
    LIST_CODE: "Mã", "Code";
    LIST_PROVINCE_SINCE: "Tỉnh, thành phố (từ 1/7/2025)", "Province (since 1 July 2025)";
    LIST_COMMUNES: "Số xã, phường, đặc khu", "Communes";
    LIST_FOOTER:
        "{count} tỉnh, thành phố. Tạo dự án: `chiso new THƯ-MỤC --province MÃ`; thêm `--history` để giữ số liệu của các huyện cũ.",
        "{count} provinces. To start a project: `chiso new FOLDER --province CODE`; add `--history` to keep the figures of the former districts.";
    LIST_BEFORE: "Trước 1/7/2025:", "Before 1 July 2025:";
    LIST_PROVINCE: "Tỉnh, thành phố", "Province";
    LIST_SINCE: "Từ 1/7/2025", "Since 1 July 2025";
    LIST_UNCHANGED: "giữ nguyên", "unchanged";
    LIST_BEFORE_2025_HINT:
        "Dự án theo bản đồ trước 1/7/2025: `chiso new THƯ-MỤC --province MÃ --before-2025`.",
        "A project of the map before 1 July 2025: `chiso new FOLDER --province CODE --before-2025`.";
    LIST_DISTRICTS: "Số đơn vị cấp huyện", "Districts";
    LIST_BEFORE_FOOTER:
        "{count} tỉnh, thành phố (danh mục năm 2024). Tạo dự án: `chiso new THƯ-MỤC --province MÃ`.",
        "{count} provinces (2024 list). To start a project: `chiso new FOLDER --province CODE`.";
}
