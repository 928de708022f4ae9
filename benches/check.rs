//! Checks per second, natively: decoding a request from JSON and answering it.
//! `cargo bench --bench check`; the README reports the figures.

use std::hint::black_box;

use canbao::Engine;
use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const REQUEST: &str = r#"{ "region": "county-template", "year": 2015, "lang": "zh-CN",
  "person": { "birthDate": "1980-06-01", "sex": "male", "hukou": { "type": "urban", "local": true },
              "employment": "none", "lowIncome": "none", "enrolled": "none" } }"#;

fn bench(c: &mut Criterion) {
    let engine = Engine::builtin().expect("built-in packs");
    let today = NaiveDate::from_ymd_opt(2015, 1, 5).expect("date");
    let mut group = c.benchmark_group("check");
    group.throughput(Throughput::Elements(1));
    group.bench_function("decode_and_check", |b| {
        b.iter(|| {
            let request = canbao::request::from_json(black_box(REQUEST)).expect("request");
            black_box(engine.check(&request, today).expect("response"))
        })
    });
    group.bench_function("decode_check_encode", |b| {
        b.iter(|| {
            let request = canbao::request::from_json(black_box(REQUEST)).expect("request");
            let response = engine.check(&request, today).expect("response");
            black_box(response.to_json(false))
        })
    });
    group.finish();
    c.bench_function("load_builtin_packs", |b| {
        b.iter(|| black_box(Engine::builtin().expect("packs")))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
