//! The Docker image must hold what `scripts/run` builds and serves: the
//! release `kehu` binary and every web app of `WEB_APPS` in scripts/lib.sh
//! (the list `build_web` builds), each copied into the final image from the
//! stage that built it. Building the image needs a Docker engine, which CI
//! does not have; this reads the files instead, so a stage cannot silently
//! drop an artefact, and a new web app added to the list must reach the
//! image too.

const DOCKERFILE: &str = include_str!("../../Dockerfile");
const RUN_SCRIPT: &str = include_str!("../../scripts/run");
const LIB_SCRIPT: &str = include_str!("../../scripts/lib.sh");

/// One stage of the Dockerfile: its name (`AS name`), its working directory
/// and its instructions, continuation lines joined.
#[derive(Debug)]
struct Stage {
    name: Option<String>,
    workdir: String,
    lines: Vec<String>,
}

impl Stage {
    /// Whether one of its `RUN` instructions contains every word of `words`.
    fn runs(&self, words: &[&str]) -> bool {
        self.lines.iter().filter(|line| line.starts_with("RUN ")).any(|line| {
            let said: Vec<&str> = line.split_whitespace().map(|w| w.trim_matches(['\'', '"'])).collect();
            words.iter().all(|word| said.contains(word))
        })
    }

    /// `(stage, source, target)` of each `COPY --from=stage source target`.
    fn copies(&self) -> Vec<(String, String, String)> {
        self.lines
            .iter()
            .filter_map(|line| {
                let mut words = line.strip_prefix("COPY --from=")?.split_whitespace();
                Some((words.next()?.to_owned(), words.next()?.to_owned(), words.next()?.to_owned()))
            })
            .collect()
    }

    fn env(&self, name: &str) -> Option<String> {
        let prefix = format!("{name}=");
        self.lines
            .iter()
            .filter(|line| line.starts_with("ENV "))
            .flat_map(|line| line.split_whitespace())
            .find_map(|word| word.strip_prefix(&prefix).map(str::to_owned))
    }
}

/// The Dockerfile's stages, in order.
fn stages() -> Vec<Stage> {
    let mut stages: Vec<Stage> = Vec::new();
    let joined = DOCKERFILE.replace("\\\n", " ");
    for line in joined.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        if let Some(from) = line.strip_prefix("FROM ") {
            let words: Vec<&str> = from.split_whitespace().collect();
            let name = words.iter().position(|w| w.eq_ignore_ascii_case("AS")).and_then(|at| words.get(at + 1));
            stages.push(Stage { name: name.map(|n| (*n).to_owned()), workdir: "/".into(), lines: Vec::new() });
            continue;
        }
        let Some(stage) = stages.last_mut() else { panic!("an instruction before the first FROM: {line}") };
        if let Some(dir) = line.strip_prefix("WORKDIR ") {
            stage.workdir = dir.trim().to_owned();
        }
        stage.lines.push(line.to_owned());
    }
    stages
}

/// The stage `COPY --from=name` names, by name.
fn stage_named<'a>(stages: &'a [Stage], name: &str) -> Option<&'a Stage> {
    stages.iter().find(|stage| stage.name.as_deref() == Some(name))
}

/// `WEB_APPS` of scripts/lib.sh: `(page, folder under frontend/, URL path)`.
fn web_apps() -> Vec<(String, String, String)> {
    let start = LIB_SCRIPT.find("\nWEB_APPS=(").unwrap_or_else(|| panic!("scripts/lib.sh declares WEB_APPS=("));
    let list = &LIB_SCRIPT[start + "\nWEB_APPS=(".len()..];
    let end = list.find("\n)").unwrap_or_else(|| panic!("WEB_APPS=( ends with a line ')'"));
    list[..end]
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| {
            let words: Vec<&str> = line.trim_matches('"').split_whitespace().collect();
            let [page, dist, url] = words[..] else { panic!("a WEB_APPS entry is \"page dist url\": {line}") };
            (page.to_owned(), dist.to_owned(), url.to_owned())
        })
        .collect()
}

/// The function body of `name` in scripts/lib.sh.
fn lib_function(name: &str) -> &'static str {
    let start = LIB_SCRIPT.find(&format!("\n{name}() {{")).unwrap_or_else(|| panic!("scripts/lib.sh defines {name}"));
    let body = &LIB_SCRIPT[start..];
    &body[..body.find("\n}").unwrap_or(body.len())]
}

/// `path` below `folder` (equal counts), as the rest after it.
fn below<'a>(path: &'a str, folder: &str) -> Option<&'a str> {
    let rest = path.strip_prefix(folder.trim_end_matches('/'))?;
    (rest.is_empty() || rest.starts_with('/')).then(|| rest.trim_start_matches('/'))
}

#[test]
fn scripts_run_builds_every_web_app_of_the_list() {
    assert!(RUN_SCRIPT.lines().any(|line| line.trim() == "build_web"), "scripts/run builds the web apps");
    let apps = web_apps();
    // The staff app's build empties its folder, so the apps inside it come after.
    assert_eq!(apps.first().map(|(_, _, url)| url.as_str()), Some("/"), "the app served at / is built first");
    let build = lib_function("build_web");
    assert!(
        build.contains("\"${WEB_APPS[@]}\"")
            && build.contains("--dist \"$dist\"")
            && build.contains("--public-url \"$url\""),
        "build_web builds each entry of WEB_APPS into its folder for its URL"
    );
    for (page, _, _) in &apps {
        let found = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../frontend").join(page);
        assert!(found.is_file(), "frontend/{page} exists");
    }
}

#[test]
fn the_final_image_ships_every_web_app_from_the_stage_that_built_it() {
    let stages = stages();
    let Some(last) = stages.last() else { panic!("the Dockerfile has a stage") };
    let Some(web_dir) = last.env("KEHU_WEB_DIR") else { panic!("the final image sets KEHU_WEB_DIR") };
    for (page, dist, url) in web_apps() {
        // The copy that brings this app's folder (or a folder above it) into the image.
        let found = last.copies().into_iter().find_map(|(from, source, target)| {
            let stage = stage_named(&stages, &from)?;
            let built = format!("{}/frontend/{dist}", stage.workdir.trim_end_matches('/'));
            below(&built, &source).map(|rest| (stage, format!("{}/{rest}", target.trim_end_matches('/'))))
        });
        let Some((stage, in_image)) = found else {
            panic!("the final image copies frontend/{dist} ({page}) from a named stage")
        };
        assert!(
            stage.runs(&["source", "scripts/lib.sh", "&&", "build_web"]),
            "{page}: the stage the final image copies it from ({:?}) is the one that runs build_web",
            stage.name
        );
        let served = format!("{}/{}", web_dir.trim_end_matches('/'), url.trim_matches('/'));
        assert_eq!(
            in_image.trim_end_matches('/'),
            served.trim_end_matches('/'),
            "{page} lands where the server serves {url} from (KEHU_WEB_DIR={web_dir})"
        );
    }
}

#[test]
fn the_final_image_ships_the_binary_scripts_run_builds_from_the_stage_that_built_it() {
    // `exec cargo run <build arguments> --quiet -- <server arguments>`.
    let Some(run) = RUN_SCRIPT.lines().find_map(|line| line.trim().strip_prefix("exec cargo run ")) else {
        panic!("scripts/run runs the server with cargo run")
    };
    let build: Vec<&str> =
        run.split(" -- ").next().unwrap_or_default().split_whitespace().filter(|w| *w != "--quiet").collect();
    assert!(build.contains(&"--release"), "scripts/run serves the release build");
    let Some(binary) = build.iter().position(|w| *w == "--bin").and_then(|at| build.get(at + 1)) else {
        panic!("scripts/run names the binary with --bin")
    };
    let stages = stages();
    let Some(last) = stages.last() else { panic!("the Dockerfile has a stage") };
    let copied = last.copies().into_iter().find_map(|(from, source, target)| {
        let stage = stage_named(&stages, &from)?;
        let built = format!("{}/target/release/{binary}", stage.workdir.trim_end_matches('/'));
        (source == built).then_some((stage, target))
    });
    let Some((stage, target)) = copied else { panic!("the final image copies target/release/{binary} from a stage") };
    let mut words = vec!["cargo", "build"];
    words.extend(build.iter().copied());
    assert!(stage.runs(&words), "the stage it is copied from ({:?}) runs `{}`", stage.name, words.join(" "));
    let on_path = target.starts_with("/usr/local/bin/") || target.starts_with("/usr/bin/");
    assert!(on_path, "the binary is on the PATH ({target})");
    let entry = format!("[\"{binary}\"");
    assert!(last.lines.iter().any(|line| line.starts_with("ENTRYPOINT") && line.contains(&entry)));
}
