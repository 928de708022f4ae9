// Loops api::check over bench/persons.json for profilers (perf, valgrind):
// cargo run --release --example profile_check [ROUNDS]
fn main() {
    let text = std::fs::read_to_string("bench/persons.json").unwrap_or_default();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    let today = doc["today"]
        .as_str()
        .and_then(canbao::model::date::parse)
        .unwrap_or_default();
    let requests: Vec<String> = doc["requests"]
        .as_array()
        .map(|a| a.iter().map(|r| r.to_string()).collect())
        .unwrap_or_default();
    let Ok(engine) = canbao::Engine::builtin() else { return };
    let rounds: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let mut bytes = 0;
    for _ in 0..rounds {
        for r in &requests {
            bytes += canbao::api::check(&engine, r, today, canbao::api::Format::Compact)
                .map(|s| s.len())
                .unwrap_or(0);
        }
    }
    println!("{bytes}");
}
