#!/usr/bin/env python3
"""Generate the bundled sample data files of the presets (presets/*.sample.csv).

Every value is INVENTED for demonstration and testing: the unit names are real, the numbers
are not. The files are generated once and committed; re-running this script with the same
seeds reproduces them byte for byte (it uses only Random.random(), whose sequence is stable
across Python versions, and integer arithmetic for every value written).

    python3 presets/tools/make_samples.py            # rewrite the four sample files
    python3 presets/tools/make_samples.py --check    # exit 1 if a committed file differs

Standard library only. What each file is built to exercise (tests/presets/presets_test.cpp
relies on it):

dti-province-922.sample.csv  34 provinces (2025 list), nine main indicators in [0, 1] with 4
    decimals; two pairs of provinces tie on the DTI at 4 decimals (one pair exactly, one pair
    0.00001 apart, equal once rounded to 4 decimals); one province lacks smart_city (weight 0,
    so its DTI is still defined).
dti-ministry-922.sample.csv  20 ministries and ministry-level agencies (2021-2025 list, defence
    and public security left out), a `group` column; one exact DTI tie inside each group.
dti-province-1726.sample.csv 63 provinces (pre-2025 list), three pillar values in [0, 1]; no
    two provinces tie at 4 decimals.
psq-766.sample.csv           34 provinces, raw counts for Decision 766 (numerator <= denominator
    everywhere); one province with no petitions (full marks on the petition indicators), one
    with no dossiers (procedure satisfaction 0, its index not computable).
"""

import csv
import io
import random
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent  # presets/

# ---------------------------------------------------------------------------------------------
# Units
# ---------------------------------------------------------------------------------------------

# The 34 provinces and centrally-run cities from 2025 (Resolution 202/2025/QH15), in the order
# of the brief.
PROVINCES_34 = [
    "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa",
    "Nghệ An", "Hà Tĩnh", "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ",
    "Bắc Ninh", "Hưng Yên", "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng", "Quảng Ngãi",
    "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Thành phố Hồ Chí Minh", "Đồng Nai",
    "Tây Ninh", "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
]

# The 63 provinces and centrally-run cities before the 2025 merger, alphabetical.
PROVINCES_63 = [
    "An Giang", "Bà Rịa - Vũng Tàu", "Bạc Liêu", "Bắc Giang", "Bắc Kạn", "Bắc Ninh", "Bến Tre",
    "Bình Dương", "Bình Định", "Bình Phước", "Bình Thuận", "Cà Mau", "Cao Bằng", "Cần Thơ",
    "Đà Nẵng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai",
    "Hà Giang", "Hà Nam", "Hà Nội", "Hà Tĩnh", "Hải Dương", "Hải Phòng", "Hậu Giang",
    "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang", "Kon Tum", "Lai Châu", "Lạng Sơn",
    "Lào Cai", "Lâm Đồng", "Long An", "Nam Định", "Nghệ An", "Ninh Bình", "Ninh Thuận",
    "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị",
    "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa",
    "Thừa Thiên Huế", "Tiền Giang", "Thành phố Hồ Chí Minh", "Trà Vinh", "Tuyên Quang",
    "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
]

# Ministries and ministry-level agencies of the 2021-2025 government (Bộ Quốc phòng and Bộ Công
# an left out), with a plausible (not official) split into those providing public services
# to citizens and businesses and those not.
MINISTRIES = [
    ("bo-ngoai-giao", "Bộ Ngoại giao", "with_public_services"),
    ("bo-noi-vu", "Bộ Nội vụ", "with_public_services"),
    ("bo-tu-phap", "Bộ Tư pháp", "with_public_services"),
    ("bo-ke-hoach-va-dau-tu", "Bộ Kế hoạch và Đầu tư", "with_public_services"),
    ("bo-tai-chinh", "Bộ Tài chính", "with_public_services"),
    ("bo-cong-thuong", "Bộ Công Thương", "with_public_services"),
    ("bo-nong-nghiep-va-ptnt", "Bộ Nông nghiệp và Phát triển nông thôn", "with_public_services"),
    ("bo-giao-thong-van-tai", "Bộ Giao thông vận tải", "with_public_services"),
    ("bo-xay-dung", "Bộ Xây dựng", "with_public_services"),
    ("bo-tai-nguyen-va-moi-truong", "Bộ Tài nguyên và Môi trường", "with_public_services"),
    ("bo-thong-tin-va-truyen-thong", "Bộ Thông tin và Truyền thông", "with_public_services"),
    ("bo-lao-dong-tbxh", "Bộ Lao động - Thương binh và Xã hội", "with_public_services"),
    ("bo-van-hoa-tt-dl", "Bộ Văn hóa, Thể thao và Du lịch", "with_public_services"),
    ("bo-khoa-hoc-va-cong-nghe", "Bộ Khoa học và Công nghệ", "with_public_services"),
    ("bo-giao-duc-va-dao-tao", "Bộ Giáo dục và Đào tạo", "with_public_services"),
    ("bo-y-te", "Bộ Y tế", "with_public_services"),
    ("ngan-hang-nha-nuoc", "Ngân hàng Nhà nước Việt Nam", "with_public_services"),
    ("uy-ban-dan-toc", "Ủy ban Dân tộc", "without_public_services"),
    ("thanh-tra-chinh-phu", "Thanh tra Chính phủ", "without_public_services"),
    ("van-phong-chinh-phu", "Văn phòng Chính phủ", "without_public_services"),
]

# Units with a head start in the invented data (large cities and well-known leaders), so the
# spread looks like a real table rather than noise.
STRONG = {"Hà Nội": 0.16, "Thành phố Hồ Chí Minh": 0.16, "Đà Nẵng": 0.18, "Quảng Ninh": 0.15,
          "Hải Phòng": 0.12, "Bắc Ninh": 0.10, "Thừa Thiên Huế": 0.12, "Huế": 0.12,
          "Bình Dương": 0.10, "Cần Thơ": 0.06, "Khánh Hòa": 0.04, "Đồng Tháp": 0.05,
          "Vĩnh Phúc": 0.05, "Long An": 0.03, "Thái Nguyên": 0.05}
WEAK = {"Lai Châu": -0.08, "Điện Biên": -0.07, "Cao Bằng": -0.06, "Hà Giang": -0.07,
        "Bắc Kạn": -0.05, "Kon Tum": -0.05, "Sơn La": -0.04, "Đắk Nông": -0.04}


def slug(name):
    """ASCII id of a Vietnamese name: 'Thành phố Hồ Chí Minh' -> 'ho-chi-minh'."""
    if name.startswith("Thành phố "):
        name = name[len("Thành phố "):]
    s = name.replace("Đ", "D").replace("đ", "d")
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    out = []
    for c in s.lower():
        out.append(c if c.isascii() and c.isalnum() else "-")
    return "-".join(p for p in "".join(out).split("-") if p)


def bias(name):
    return STRONG.get(name, 0.0) + WEAK.get(name, 0.0)


# ---------------------------------------------------------------------------------------------
# Values in 1e-4 units (integers), so every sum below is exact.
# ---------------------------------------------------------------------------------------------

LO, HI = 3000, 9000  # the realistic spread 0.30 - 0.90


def clamp(v, lo=LO, hi=HI):
    return max(lo, min(hi, v))


def draw(rng, level, spread=0.08, lo=LO):
    """An indicator value (1e-4 units) around `level` (in [0, 1])."""
    # Sum of three uniforms: a bell shape from random() alone.
    u = (rng.random() + rng.random() + rng.random() - 1.5) * 2 * spread
    return clamp(round((level + u) * 10000), lo)


def fmt4(v):
    return "" if v is None else f"{v // 10000}.{v % 10000:04d}"


def points(row, weights):
    """Σ weight · value in 1e-4 units (DTI · 1e7 when the weights are points out of 1000)."""
    return sum(w * row[k] for k, w in weights.items() if w != 0)


def dti4(p):
    """The DTI rounded half-up to 4 decimals, as a 1e-4 integer, from Σ w·v (1e-7 units)."""
    return (p + 500) // 1000


def match(row, weights, target, foundations, coarse_key=None):
    """Adjusts `row` in place so that points(row) == target: spreads the difference over
    `foundations` (one 1e-4 step each), after fixing an odd multiple of 50 with `coarse_key`."""
    d = target - points(row, weights)
    step = weights[foundations[0]]
    if coarse_key is not None:
        # Solve 150a + 100b = d (DTI 922 province) with a in {0, 1}: d is a multiple of 50.
        m = d // 50
        assert d % 50 == 0
        a = m % 2
        row[coarse_key] += a
        d -= a * weights[coarse_key]
    assert d % step == 0, (d, step)
    k = d // step
    for j, key in enumerate(foundations):
        share = k // len(foundations) + (1 if j < k % len(foundations) else 0)
        row[key] += share
    assert points(row, weights) == target
    for key, v in row.items():
        if v is not None:
            assert 0 <= v <= 10000, (key, v)


def settle(rows, weights, designed, key, group=None):
    """Moves every unit outside the designed ties off the rounding edge (5th decimal 5) and off
    accidental ties at 4 decimals, by raising its `key` value 0.0001 at a time."""
    fixed = {u for pair in designed for u in pair}
    taken = {}
    for uid, row in rows:
        if uid in fixed:
            taken[(group(uid) if group else None, dti4(points(row, weights)))] = uid
    for uid, row in rows:
        if uid in fixed:
            continue
        g = group(uid) if group else None
        while True:
            p = points(row, weights)
            if p % 1000 != 500 and (g, dti4(p)) not in taken:
                break
            row[key] += 1
        taken[(g, dti4(p))] = uid


def check_ties(rows, weights, expected_pairs, group=None):
    """Asserts that the only DTI ties at 4 decimals (within each group) are the designed ones,
    and that no DTI lies on a rounding edge (5th decimal 5)."""
    seen = {}
    for uid, row in rows:
        p = points(row, weights)
        assert p % 1000 != 500, (uid, p)
        key = (group(uid) if group else None, dti4(p))
        seen.setdefault(key, []).append(uid)
    ties = sorted(tuple(sorted(v)) for v in seen.values() if len(v) > 1)
    want = sorted(tuple(sorted(p)) for p in expected_pairs)
    assert ties == want, f"ties {ties} != designed {want}"


def write_csv(path, header, rows, check):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    text = buf.getvalue()
    if check:
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != text:
            print(f"{path.name}: differs from the generator's output", file=sys.stderr)
            return False
        return True
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path.relative_to(HERE.parent)} ({len(rows)} units)")
    return True


# ---------------------------------------------------------------------------------------------
# dti-province-922
# ---------------------------------------------------------------------------------------------

P922_KEYS = ["awareness", "institutions", "infrastructure", "human_resources", "cybersecurity",
             "smart_city", "gov_activity", "econ_activity", "society_activity"]
P922_W = {"awareness": 100, "institutions": 100, "infrastructure": 100, "human_resources": 100,
          "cybersecurity": 100, "smart_city": 0, "gov_activity": 200, "econ_activity": 150,
          "society_activity": 150}
FOUNDATIONS = P922_KEYS[:5]


def province_922(check):
    rng = random.Random(922)
    rows = []
    for name in PROVINCES_34:
        level = 0.52 + bias(name) + (rng.random() - 0.5) * 0.16
        row = {k: draw(rng, level) for k in P922_KEYS}
        rows.append((slug(name), row))
    by = dict(rows)

    # Tie 1 (exact): Quảng Trị gets Nghệ An's DTI from different values.
    a, b = by["nghe-an"], by["quang-tri"]
    while points(a, P922_W) % 1000 >= 400:  # keep clear of the rounding edge
        a["awareness"] += 1
    match(b, P922_W, points(a, P922_W), FOUNDATIONS, coarse_key="econ_activity")
    # Tie 2 (equal at 4 decimals): Tây Ninh 0.00001 above Lâm Đồng, e.g. 0.51231 and 0.51232.
    a, b = by["lam-dong"], by["tay-ninh"]
    while points(a, P922_W) % 1000 >= 300:
        a["awareness"] += 1
    match(b, P922_W, points(a, P922_W) + 100, FOUNDATIONS, coarse_key="econ_activity")
    # One smart-city value not collected.
    by["cao-bang"]["smart_city"] = None

    designed = [("nghe-an", "quang-tri"), ("lam-dong", "tay-ninh")]
    settle(rows, P922_W, designed, "awareness")
    check_ties(rows, P922_W, designed)
    names = dict((slug(n), n) for n in PROVINCES_34)
    return write_csv(HERE / "dti-province-922.sample.csv", ["unit", "name"] + P922_KEYS,
                     [[u, names[u]] + [fmt4(r[k]) for k in P922_KEYS] for u, r in rows], check)


# ---------------------------------------------------------------------------------------------
# dti-ministry-922
# ---------------------------------------------------------------------------------------------

M922_KEYS = FOUNDATIONS + ["dx_activity"]
M922_W = {k: 100 for k in FOUNDATIONS} | {"dx_activity": 500}


def ministry_922(check):
    rng = random.Random(9220)
    rows = []
    for uid, _, grp in MINISTRIES:
        base = 0.58 if grp == "with_public_services" else 0.5
        level = base + (rng.random() - 0.5) * 0.3
        rows.append((uid, {k: draw(rng, level) for k in M922_KEYS}))
    by = dict(rows)
    # One exact tie in each group.
    for a, b in [("bo-cong-thuong", "bo-xay-dung"), ("uy-ban-dan-toc", "thanh-tra-chinh-phu")]:
        while points(by[a], M922_W) % 1000 >= 400:  # keep clear of the rounding edge
            by[a]["awareness"] += 1
        match(by[b], M922_W, points(by[a], M922_W), FOUNDATIONS)
    group = {uid: g for uid, _, g in MINISTRIES}
    designed = [("bo-cong-thuong", "bo-xay-dung"), ("thanh-tra-chinh-phu", "uy-ban-dan-toc")]
    settle(rows, M922_W, designed, "awareness", group=group.get)
    check_ties(rows, M922_W, designed, group=group.get)
    names = {uid: n for uid, n, _ in MINISTRIES}
    return write_csv(HERE / "dti-ministry-922.sample.csv",
                     ["unit", "name", "group"] + M922_KEYS,
                     [[u, names[u], group[u]] + [fmt4(r[k]) for k in M922_KEYS]
                      for u, r in rows], check)


# ---------------------------------------------------------------------------------------------
# dti-province-1726
# ---------------------------------------------------------------------------------------------

P1726_KEYS = ["gov", "econ", "society"]
P1726_W = {"gov": 400, "econ": 300, "society": 300}


def province_1726(check):
    rng = random.Random(1726)
    rows = []
    for name in PROVINCES_63:
        level = 0.42 + bias(name) + (rng.random() - 0.5) * 0.2
        rows.append((slug(name), {k: draw(rng, level, 0.07, lo=2000) for k in P1726_KEYS}))
    settle(rows, P1726_W, [], "gov")
    check_ties(rows, P1726_W, [])
    names = dict((slug(n), n) for n in PROVINCES_63)
    assert len(rows) == 63 and len(names) == 63
    return write_csv(HERE / "dti-province-1726.sample.csv", ["unit", "name"] + P1726_KEYS,
                     [[u, names[u]] + [fmt4(r[k]) for k in P1726_KEYS] for u, r in rows], check)


# ---------------------------------------------------------------------------------------------
# psq-766
# ---------------------------------------------------------------------------------------------

PSQ_COLUMNS = [
    "proc_total", "proc_published_on_time", "proc_updated_on_time", "proc_published_complete",
    "proc_online", "proc_fee_total", "proc_fee_payment_integrated", "proc_fee_paid_online",
    "proc_popdb_connected",
    "dossiers_received", "dossiers_synced", "dossiers_settled", "dossiers_settled_on_time",
    "avg_processing_days", "dossiers_online", "dossiers_fee", "dossiers_paid_online",
    "results_electronic", "dossiers_digitised", "dossiers_reused_data", "results_shared_store",
    "dossiers_popdb", "dossiers_satisfied",
    "copies_certified_total", "copies_certified_electronic",
    "petitions_received", "petitions_handled_on_time", "petitions_satisfied",
]

# Huế: round numbers, so that tests/presets/presets_test.cpp can check its score by hand.
PSQ_HUE = {
    "proc_total": 2000, "proc_published_on_time": 1900, "proc_updated_on_time": 2000,
    "proc_published_complete": 1500, "proc_online": 1200, "proc_fee_total": 800,
    "proc_fee_payment_integrated": 800, "proc_fee_paid_online": 400,
    "proc_popdb_connected": 500,
    "dossiers_received": 100000, "dossiers_synced": 90000, "dossiers_settled": 80000,
    "dossiers_settled_on_time": 75000, "avg_processing_days": "4.5",
    "dossiers_online": 60000, "dossiers_fee": 40000, "dossiers_paid_online": 10000,
    "results_electronic": 40000, "dossiers_digitised": 60000, "dossiers_reused_data": 20000,
    "results_shared_store": 20000, "dossiers_popdb": 50000, "dossiers_satisfied": 76000,
    "copies_certified_total": 10000, "copies_certified_electronic": 3000,
    "petitions_received": 200, "petitions_handled_on_time": 150, "petitions_satisfied": 180,
}


def share(rng, lo, hi):
    return lo + (hi - lo) * rng.random()


def part(rng, total, lo, hi):
    """A count <= total, about total · U(lo, hi)."""
    return min(total, round(total * share(rng, lo, hi)))


def psq_unit(rng, name):
    q = max(-0.15, min(0.15, bias(name) + (rng.random() - 0.5) * 0.2))  # unit quality
    r = {}
    pt = r["proc_total"] = round(share(rng, 1500, 2100))
    r["proc_published_on_time"] = part(rng, pt, 0.86 + q / 2, 1.0)
    r["proc_updated_on_time"] = part(rng, pt, 0.80 + q / 2, 1.0)
    r["proc_published_complete"] = part(rng, pt, 0.85 + q / 2, 1.0)
    r["proc_online"] = part(rng, pt, 0.45 + q, 0.90 + q)
    pf = r["proc_fee_total"] = part(rng, pt, 0.35, 0.45)
    pi = r["proc_fee_payment_integrated"] = part(rng, pf, 0.55 + q, 1.0)
    r["proc_fee_paid_online"] = part(rng, pi, 0.35 + q, 0.9)
    r["proc_popdb_connected"] = part(rng, pt, 0.25 + q, 0.75 + q)
    big = name in ("Hà Nội", "Thành phố Hồ Chí Minh")
    dr = r["dossiers_received"] = round(share(rng, 40000, 400000) * (3 if big else 1))
    r["dossiers_synced"] = part(rng, dr, 0.72 + q, 1.0)
    ds = r["dossiers_settled"] = part(rng, dr, 0.86, 0.98)
    r["dossiers_settled_on_time"] = part(rng, ds, 0.90 + q / 2, 1.0)
    r["avg_processing_days"] = f"{share(rng, 2.0, 12.0):.1f}"
    r["dossiers_online"] = part(rng, dr, 0.25 + q, 0.75 + q)
    df = r["dossiers_fee"] = part(rng, dr, 0.30, 0.50)
    r["dossiers_paid_online"] = part(rng, df, 0.10 + q, 0.70 + q)
    re = r["results_electronic"] = part(rng, ds, 0.50 + q, 1.0)
    r["dossiers_digitised"] = part(rng, dr, 0.45 + q, 1.0)
    r["dossiers_reused_data"] = part(rng, dr, 0.10 + q, 0.85)
    r["results_shared_store"] = part(rng, re, 0.30 + q, 1.0)
    r["dossiers_popdb"] = part(rng, dr, 0.20 + q, 0.90)
    r["dossiers_satisfied"] = part(rng, ds, 0.80 + q / 2, 1.0)
    ct = r["copies_certified_total"] = round(share(rng, 5000, 90000))
    r["copies_certified_electronic"] = part(rng, ct, 0.05 + q, 0.60 + q)
    pr = r["petitions_received"] = round(share(rng, 15, 400))
    r["petitions_handled_on_time"] = part(rng, pr, 0.70 + q, 1.0)
    r["petitions_satisfied"] = part(rng, pr, 0.65 + q, 1.0)
    return r


# Numerator -> denominator pairs of psq-766.yaml (checked: numerator <= denominator).
PSQ_PAIRS = [
    ("proc_published_on_time", "proc_total"), ("proc_updated_on_time", "proc_total"),
    ("proc_published_complete", "proc_total"), ("dossiers_synced", "dossiers_received"),
    ("dossiers_settled_on_time", "dossiers_settled"), ("dossiers_settled", "dossiers_received"),
    ("proc_online", "proc_total"), ("dossiers_online", "dossiers_received"),
    ("proc_fee_payment_integrated", "proc_fee_total"),
    ("proc_fee_paid_online", "proc_fee_payment_integrated"), ("proc_fee_total", "proc_total"),
    ("dossiers_paid_online", "dossiers_fee"), ("dossiers_fee", "dossiers_received"),
    ("results_electronic", "dossiers_settled"), ("dossiers_digitised", "dossiers_received"),
    ("copies_certified_electronic", "copies_certified_total"),
    ("dossiers_reused_data", "dossiers_received"), ("results_shared_store", "results_electronic"),
    ("dossiers_popdb", "dossiers_received"), ("proc_popdb_connected", "proc_total"),
    ("dossiers_satisfied", "dossiers_settled"),
    ("petitions_handled_on_time", "petitions_received"),
    ("petitions_satisfied", "petitions_received"),
]


def psq_766(check):
    rng = random.Random(766)
    rows = []
    for name in PROVINCES_34:
        r = psq_unit(rng, name)
        if name == "Huế":
            r = dict(PSQ_HUE)
        if name == "Lai Châu":  # no petitions: both petition indicators score full marks
            for k in ("petitions_received", "petitions_handled_on_time", "petitions_satisfied"):
                r[k] = 0
        if name == "Điện Biên":  # no dossiers: procedure satisfaction 0, index not computable
            for k in PSQ_COLUMNS:
                if k.startswith(("dossiers_", "results_")):
                    r[k] = 0
            r["avg_processing_days"] = None  # no dossier, no average
        for num, den in PSQ_PAIRS:
            assert r[num] <= r[den], (name, num, den)
        rows.append([slug(name), name] + ["" if r[k] is None else r[k] for k in PSQ_COLUMNS])
    return write_csv(HERE / "psq-766.sample.csv", ["unit", "name"] + PSQ_COLUMNS, rows, check)


def main():
    check = "--check" in sys.argv[1:]
    assert len(PROVINCES_34) == 34 and len({slug(n) for n in PROVINCES_34}) == 34
    assert len(PROVINCES_63) == 63 and len({slug(n) for n in PROVINCES_63}) == 63
    ok = all([province_922(check), ministry_922(check), province_1726(check), psq_766(check)])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
