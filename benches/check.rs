//! Checks per second, natively, on the persons in `bench/persons.json` (the same
//! persons the wasm benchmark and ZEN are measured on): decoding the request,
//! deciding, and writing the response, through `api::check`, the path the CLI
//! and the wasm build take. `cargo bench --bench check`; the README reports it.

use std::hint::black_box;

use canbao::Engine;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn bench(c: &mut Criterion) {
    let text = std::fs::read_to_string("bench/persons.json").expect("bench/persons.json");
    let doc: serde_json::Value = serde_json::from_str(&text).expect("persons JSON");
    let today = canbao::model::date::parse(doc["today"].as_str().expect("today")).expect("date");
    let requests: Vec<String> = doc["requests"]
        .as_array()
        .expect("requests")
        .iter()
        .map(|r| r.to_string())
        .collect();
    let engine = Engine::builtin().expect("built-in packs");
    let mut group = c.benchmark_group("check");
    group.throughput(Throughput::Elements(requests.len() as u64));
    group.bench_function("decide_all_persons", |b| {
        b.iter(|| {
            for r in &requests {
                let request = canbao::contract::decode::from_json(black_box(r)).expect("request");
                black_box(engine.decide(&request, today).expect("decision"));
            }
        })
    });
    group.bench_function("check_json_all_persons", |b| {
        b.iter(|| {
            for r in &requests {
                black_box(
                    canbao::api::check(&engine, black_box(r), today, canbao::api::Format::Compact).expect("response"),
                );
            }
        })
    });
    group.finish();
    c.bench_function("load_builtin_packs", |b| {
        b.iter(|| black_box(Engine::builtin().expect("packs")))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
