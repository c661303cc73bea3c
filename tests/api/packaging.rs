//! The Docker image must hold what `scripts/run` builds and serves: the
//! release `kehu` binary and the web apps (the staff app in `frontend/dist`,
//! the help centre in its `help/` folder), built by the same function with
//! the same pinned tools. Building the image needs a Docker engine, which CI
//! does not have; this reads the files instead, so a stage cannot silently
//! drop an artefact.

const DOCKERFILE: &str = include_str!("../../Dockerfile");
const RUN_SCRIPT: &str = include_str!("../../scripts/run");
const LIB_SCRIPT: &str = include_str!("../../scripts/lib.sh");

/// The instructions of a Dockerfile, one per entry, with continuation lines joined.
fn instructions(text: &str) -> Vec<String> {
    text.replace("\\\n", " ")
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

fn final_stage() -> Vec<String> {
    let all = instructions(DOCKERFILE);
    let last_from = all.iter().rposition(|line| line.starts_with("FROM ")).unwrap_or(0);
    all[last_from..].to_vec()
}

#[test]
fn the_image_builds_the_web_apps_the_way_scripts_run_does() {
    assert!(
        RUN_SCRIPT.lines().any(|line| line.trim() == "build_web"),
        "scripts/run builds the web apps with build_web"
    );
    for output in ["trunk build --release --offline", "--dist dist/help"] {
        assert!(LIB_SCRIPT.contains(output), "build_web writes the staff app and the help centre ({output})");
    }
    let web_build = instructions(DOCKERFILE)
        .into_iter()
        .find(|line| line.starts_with("RUN ") && line.contains("source scripts/lib.sh") && line.contains("build_web"));
    assert!(web_build.is_some(), "a stage runs build_web from scripts/lib.sh, with its pinned tools");
}

#[test]
fn the_image_builds_and_ships_the_binary_scripts_run_runs() {
    assert!(RUN_SCRIPT.contains("--release") && RUN_SCRIPT.contains("-p kehu-server --bin kehu"));
    let built = instructions(DOCKERFILE)
        .into_iter()
        .any(|line| line.starts_with("RUN ") && line.contains("cargo build --release --locked -p kehu-server"));
    assert!(built, "a stage builds the release server");
    let stage = final_stage();
    assert!(
        stage.iter().any(|line| line.starts_with("COPY --from=") && line.contains("/target/release/kehu ")),
        "the final image copies the binary"
    );
    assert!(stage.iter().any(|line| line.starts_with("ENTRYPOINT") && line.contains("kehu")));
}

#[test]
fn the_final_image_serves_both_web_apps() {
    let stage = final_stage();
    let copied = stage.iter().filter(|line| line.starts_with("COPY --from=")).find_map(|line| {
        let mut words = line.split_whitespace().skip(2);
        let (source, target) = (words.next()?, words.next()?);
        source.ends_with("/frontend/dist").then(|| target.to_owned())
    });
    let Some(target) = copied else { panic!("the final image copies frontend/dist (the staff app and help/)") };
    let web_dir = format!("KEHU_WEB_DIR={target}");
    assert!(
        stage.iter().any(|line| line.starts_with("ENV ") && line.split_whitespace().any(|word| word == web_dir)),
        "KEHU_WEB_DIR points at the copied apps ({target})"
    );
}
