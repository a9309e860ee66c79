//! What every tidy check shares (a [`Problem`], which files are production code) and the
//! small checks: module docs, environment reads, the codemap. Pure functions of a path and its
//! text, so each is unit-tested without touching the repository.

use std::fmt;
use std::path::{Component, Path, PathBuf};

/// How code reads the environment directly; only config modules may.
const ENV_READ_PATTERNS: &[&str] = &["std::env::var", "env::var(", "env::var_os(", "env::vars("];

/// One thing tidy wants fixed, in one file (and at one line when it knows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub line: Option<usize>,
    pub message: String,
    pub severity: Severity,
}

/// Whether a problem fails tidy or is only listed; a rule the tree does not meet yet is
/// listed until the files it names are fixed, then switched to failing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Failure,
    Warning,
}

impl Severity {
    /// [`Severity::Failure`] when `fails` (a rule's switch), else [`Severity::Warning`].
    pub fn failing_when(fails: bool) -> Self {
        if fails { Self::Failure } else { Self::Warning }
    }
}

impl Problem {
    /// A failing problem about the whole file.
    pub fn in_file(path: &Path, message: impl Into<String>) -> Self {
        Self {
            path: path.to_path_buf(),
            line: None,
            message: message.into(),
            severity: Severity::Failure,
        }
    }

    /// The same problem, only listed.
    pub fn into_warning(self) -> Self {
        self.with_severity(Severity::Warning)
    }

    pub fn with_severity(self, severity: Severity) -> Self {
        Self { severity, ..self }
    }

    pub fn is_failure(&self) -> bool {
        self.severity == Severity::Failure
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.severity == Severity::Warning {
            formatter.write_str("warning: ")?;
        }
        match self.line {
            Some(line) => write!(formatter, "{}:{line}: ", self.path.display())?,
            None => write!(formatter, "{}: ", self.path.display())?,
        }
        formatter.write_str(&self.message)
    }
}

/// Directories holding only test code: integration tests, benches, and the `#[cfg(test)]`
/// `test_support` modules (stand-ins the unit tests share).
const TEST_DIRS: &[&str] = &["tests", "benches", "test_support"];

/// Test code: anything under a [`TEST_DIRS`] directory, and `tests.rs` / `*_tests.rs` /
/// `*_test.rs` files.
pub fn is_test_file(path: &Path) -> bool {
    let under_tests_dir = path.parent().is_some_and(|parent| {
        parent
            .components()
            .any(|part| TEST_DIRS.iter().any(|dir| is_named(part, dir)))
    });
    let file_name = path
        .file_name()
        .map(|name| name.to_string_lossy())
        .unwrap_or_default();
    under_tests_dir
        || file_name == "tests.rs"
        || file_name.ends_with("_tests.rs")
        || file_name.ends_with("_test.rs")
}

/// Generated code: under a `gen`/`generated` directory, or marked `@generated` near the top
/// (none is checked in today; the build writes it to `OUT_DIR`).
pub fn is_generated_file(path: &Path, text: &str) -> bool {
    let under_generated_dir = path
        .components()
        .any(|part| is_named(part, "gen") || is_named(part, "generated"));
    under_generated_dir || text.lines().take(5).any(|line| line.contains("@generated"))
}

/// Code that ships: a `.rs` file that is neither test code nor generated.
pub fn is_production_file(path: &Path, text: &str) -> bool {
    !is_test_file(path) && !is_generated_file(path, text)
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
                severity: Severity::Failure,
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

fn starts_with_dir(path: &Path, dir: &str) -> bool {
    path.components()
        .next()
        .is_some_and(|part| is_named(part, dir))
}

fn is_named(component: Component<'_>, name: &str) -> bool {
    matches!(component, Component::Normal(part) if part == name)
}
