//! The tidy checks as pure functions of a path and its text, so each is unit-tested without
//! touching the repository.

use std::fmt;
use std::path::{Component, Path, PathBuf};

/// The most lines of code (blank lines, comments and the `#[cfg(test)]` module not counted) a
/// production file may have; DESIGN.md asks for about 150 and a split well before this.
pub const MAX_PRODUCTION_CODE_LINES: usize = 300;

/// How code reads the environment directly; only config modules may.
const ENV_READ_PATTERNS: &[&str] = &["std::env::var", "env::var(", "env::var_os(", "env::vars("];

/// One thing tidy wants fixed, in one file (and at one line when it knows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
}

impl Problem {
    pub fn in_file(path: &Path, message: impl Into<String>) -> Self {
        Self {
            path: path.to_path_buf(),
            line: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(formatter, "{}:{line}: ", self.path.display())?,
            None => write!(formatter, "{}: ", self.path.display())?,
        }
        formatter.write_str(&self.message)
    }
}

/// Test code: anything under a `tests` directory, and `tests.rs` / `*_tests.rs` files.
pub fn is_test_file(path: &Path) -> bool {
    let under_tests_dir = path
        .parent()
        .is_some_and(|parent| parent.components().any(|part| is_named(part, "tests")));
    let file_name = path
        .file_name()
        .map(|name| name.to_string_lossy())
        .unwrap_or_default();
    under_tests_dir || file_name == "tests.rs" || file_name.ends_with("_tests.rs")
}

/// Every `.rs` file opens with a `//!` line saying what the module is for.
pub fn check_module_doc(path: &Path, text: &str) -> Option<Problem> {
    let first_line = text.lines().map(str::trim).find(|line| !line.is_empty());
    if first_line.is_some_and(|line| line.starts_with("//!")) {
        return None;
    }
    Some(Problem::in_file(
        path,
        "does not open with a `//!` line: add one saying what this module is for",
    ))
}

/// Production files (not tests, not xtask) have at most [`MAX_PRODUCTION_CODE_LINES`].
pub fn check_production_file_size(path: &Path, text: &str) -> Option<Problem> {
    if is_test_file(path) || starts_with_dir(path, "xtask") {
        return None;
    }
    let code_lines = count_code_lines(text);
    (code_lines > MAX_PRODUCTION_CODE_LINES).then(|| {
        Problem::in_file(
            path,
            format!(
                "has {code_lines} lines of code (at most {MAX_PRODUCTION_CODE_LINES}, blank \
                 lines, comments and the #[cfg(test)] module not counted): split it by job"
            ),
        )
    })
}

/// Lines that are neither blank nor comments, leaving out an inline `#[cfg(test)] mod … { … }`
/// (test code, recognised by rustfmt's layout: it ends at the next `}` in column 0).
pub fn count_code_lines(text: &str) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    let mut in_block_comment = false;
    let mut in_test_module = false;
    let mut code_lines = 0;
    for (index, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if in_test_module {
            in_test_module = line.trim_end() != "}";
            continue;
        }
        if in_block_comment || trimmed.starts_with("/*") {
            in_block_comment = !trimmed.contains("*/");
            continue;
        }
        if trimmed == "#[cfg(test)]" && opens_inline_module(&lines[index + 1..]) {
            in_test_module = true;
            continue;
        }
        if !trimmed.is_empty() && !trimmed.starts_with("//") {
            code_lines += 1;
        }
    }
    code_lines
}

/// Raw environment reads belong in config modules: files whose path says `config` or
/// `settings`; tests, xtask and build scripts are exempt.
pub fn check_env_reads(path: &Path, text: &str) -> Vec<Problem> {
    let path_text = path.to_string_lossy();
    let exempt = is_test_file(path)
        || starts_with_dir(path, "xtask")
        || path.file_name().is_some_and(|name| name == "build.rs")
        || path_text.contains("config")
        || path_text.contains("settings");
    if exempt {
        return Vec::new();
    }
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
        .filter_map(|(index, line)| {
            let pattern = ENV_READ_PATTERNS
                .iter()
                .find(|pattern| line.contains(**pattern))?;
            Some(Problem {
                path: path.to_path_buf(),
                line: Some(index + 1),
                message: format!(
                    "reads the environment directly (`{pattern}`): read it in the config \
                     module through `settings::EnvSource` and pass the value in"
                ),
            })
        })
        .collect()
}

/// Every crate directory is on the codemap in `ARCHITECTURE.md` (as `` `dir/…` `` or
/// `` `dir` ``); `codemap` is `None` when the file is missing.
pub fn check_crates_on_codemap(crate_dirs: &[PathBuf], codemap: Option<&str>) -> Vec<Problem> {
    let Some(codemap) = codemap else {
        return vec![Problem::in_file(
            Path::new("ARCHITECTURE.md"),
            "is missing: write the codemap, one paragraph per crate",
        )];
    };
    crate_dirs
        .iter()
        .filter(|dir| {
            let dir_text = dir.to_string_lossy().replace('\\', "/");
            !codemap.contains(&format!("`{dir_text}/"))
                && !codemap.contains(&format!("`{dir_text}`"))
        })
        .map(|dir| {
            Problem::in_file(
                dir,
                "is a crate missing from ARCHITECTURE.md: add it to the codemap as `dir/`",
            )
        })
        .collect()
}

fn opens_inline_module(following_lines: &[&str]) -> bool {
    following_lines
        .iter()
        .map(|line| line.trim())
        .find(|line| !line.is_empty() && !line.starts_with("#["))
        .is_some_and(|line| line.starts_with("mod ") && line.ends_with('{'))
}

fn starts_with_dir(path: &Path, dir: &str) -> bool {
    path.components()
        .next()
        .is_some_and(|part| is_named(part, dir))
}

fn is_named(component: Component<'_>, name: &str) -> bool {
    matches!(component, Component::Normal(part) if part == name)
}
