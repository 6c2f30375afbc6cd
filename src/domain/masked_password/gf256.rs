//! Shamir secret sharing over GF(2^8), in constant time, for the old masked-password
//! records ([`super::shamir`]).
//!
//! Why our own and not a crate: the `sharks` crate that dealt those records has not been
//! released since 2021, multiplies through log/exp tables indexed by secret bytes (a
//! cache-timing channel), and draws coefficients from 1..=255 instead of the whole
//! field. This module is the part of it the old records need, without those faults:
//!
//! * the field is sharks' own, GF(2)[x] / (x^8 + x^4 + x^3 + x^2 + 1) (0x11D), **not**
//!   AES's 0x11B: a different polynomial is a different field, and the shares already
//!   stored would no longer interpolate to their secret. The tests deal with `sharks`
//!   and recover here, and the other way round, and check a record sharks made;
//! * multiplication is shift-and-add with masks instead of branches or tables, so its
//!   time and memory accesses do not depend on the bytes; the inverse is a^254, a fixed
//!   chain of multiplications (0 maps to 0, which no caller divides by);
//! * share number i has x = i (1, 2, 3, ...), the secret is the value at x = 0, each
//!   byte of the secret has its own polynomial, as in sharks;
//! * coefficients are drawn uniformly from the whole field, 0 included: a polynomial
//!   of degree below k - 1 is one of the polynomials Shamir's scheme must be able to
//!   draw, and leaving it out makes the shares (slightly) non-uniform.

use rand::{CryptoRng, RngCore};
use zeroize::Zeroizing;

/// The field's reduction polynomial x^8 + x^4 + x^3 + x^2 + 1, as `sharks` 0.5 used.
pub const POLYNOMIAL: u16 = 0x11D;

/// a · b in the field, in time independent of a and b.
pub fn mul(a: u8, b: u8) -> u8 {
    // The low byte of POLYNOMIAL: what x^8 reduces to.
    const REDUCE: u8 = (POLYNOMIAL & 0xFF) as u8;
    let (mut a, mut b, mut product) = (a, b, 0u8);
    for _ in 0..8 {
        // 0xFF when the low bit of b is set, else 0: add a or nothing, without a branch.
        product ^= a & 0u8.wrapping_sub(b & 1);
        // a · x, reduced when the top bit falls out, again through a mask.
        let carry = 0u8.wrapping_sub(a >> 7);
        a = (a << 1) ^ (carry & REDUCE);
        b >>= 1;
    }
    product
}

/// The multiplicative inverse a^254 (= a^-1, since a^255 = 1 for a ≠ 0); 0 for 0.
/// Always the same 13 multiplications.
pub fn inv(a: u8) -> u8 {
    // 254 = 0b1111_1110: a^2 · a^4 · ... · a^128.
    let mut square = mul(a, a);
    let mut result = square;
    for _ in 0..6 {
        square = mul(square, square);
        result = mul(result, square);
    }
    result
}

/// Why shares could not be dealt or combined. Says nothing of their contents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ShamirError {
    #[error("the threshold must be between 1 and the number of shares (at most 255)")]
    Threshold,
    #[error("shares must be non-empty, of one length, with distinct non-zero x")]
    Shares,
}

/// Split `secret` into `count` shares, any `threshold` of which recover it. Returns the
/// shares' y bytes, share-major: bytes `(x-1)·len .. x·len` are the share at x, for
/// x = 1..=count (each `secret.len()` bytes long).
pub fn deal(
    secret: &[u8],
    threshold: u8,
    count: u8,
    rng: &mut (impl RngCore + CryptoRng),
) -> Result<Zeroizing<Vec<u8>>, ShamirError> {
    if threshold == 0 || threshold > count {
        return Err(ShamirError::Threshold);
    }
    let len = secret.len();
    // Coefficients of x^1 .. x^(k-1) of every byte's polynomial, uniform over 0..=255:
    // `coefficients[(d-1)·len + b]` is the x^d coefficient of byte b.
    let mut coefficients = Zeroizing::new(vec![0u8; (usize::from(threshold) - 1) * len]);
    rng.fill_bytes(&mut coefficients);

    let mut shares = Zeroizing::new(Vec::with_capacity(usize::from(count) * len));
    for x in 1..=count {
        for (b, &constant) in secret.iter().enumerate() {
            // Horner: (((c_{k-1}·x + c_{k-2})·x + ...)·x + c_1)·x + secret.
            let mut y = 0u8;
            for degree in (1..usize::from(threshold)).rev() {
                y = mul(y, x) ^ coefficients[(degree - 1) * len + b];
            }
            shares.push(mul(y, x) ^ constant);
        }
    }
    Ok(shares)
}

/// The Lagrange weights at x = `at` of the points `xs`: the value there of the
/// polynomial of least degree through (xᵢ, yᵢ) is Σ wᵢ·yᵢ. None if `xs` is empty or
/// holds an x twice.
pub fn weights_at(xs: &[u8], at: u8) -> Option<Vec<u8>> {
    let distinct = xs.iter().enumerate().all(|(i, x)| !xs[i + 1..].contains(x));
    if xs.is_empty() || !distinct {
        return None;
    }
    // wᵢ = Π_{j≠i} (at - xⱼ) / (xᵢ - xⱼ), one inversion per point; subtraction is XOR.
    let weights = xs
        .iter()
        .map(|&xi| {
            let (numerator, denominator) = xs
                .iter()
                .filter(|&&xj| xj != xi)
                .fold((1u8, 1u8), |(n, d), &xj| (mul(n, at ^ xj), mul(d, xi ^ xj)));
            mul(numerator, inv(denominator))
        })
        .collect();
    Some(weights)
}

/// The secret through the points (x, y bytes): the value at x = 0 of the polynomial of
/// least degree through them, byte by byte. Given at least `threshold` shares of one
/// dealing this is the dealt secret; given fewer, unrelated bytes. Time depends only on
/// the number and length of the shares.
pub fn interpolate_at_zero(points: &[(u8, &[u8])]) -> Result<Zeroizing<Vec<u8>>, ShamirError> {
    let xs: Vec<u8> = points.iter().map(|&(x, _)| x).collect();
    // x = 0 is where the secret is, never a share.
    if xs.contains(&0) {
        return Err(ShamirError::Shares);
    }
    let weights = weights_at(&xs, 0).ok_or(ShamirError::Shares)?;
    let len = points.first().map_or(0, |(_, y)| y.len());
    if len == 0 || points.iter().any(|(_, y)| y.len() != len) {
        return Err(ShamirError::Shares);
    }
    let mut secret = Zeroizing::new(vec![0u8; len]);
    for (&weight, (_, y)) in weights.iter().zip(points) {
        for (s, &byte) in secret.iter_mut().zip(y.iter()) {
            *s ^= mul(weight, byte);
        }
    }
    Ok(secret)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The schoolbook product: polynomial multiplication, then reduction by 0x11D.
    fn reference_mul(a: u8, b: u8) -> u8 {
        let mut wide = 0u16;
        for bit in 0..8 {
            if b >> bit & 1 == 1 {
                wide ^= u16::from(a) << bit;
            }
        }
        for bit in (8..16).rev() {
            if wide >> bit & 1 == 1 {
                wide ^= POLYNOMIAL << (bit - 8);
            }
        }
        u8::try_from(wide).unwrap()
    }

    #[test]
    fn multiplication_matches_the_schoolbook_product_on_all_pairs() {
        for a in 0..=255u8 {
            for b in 0..=255u8 {
                assert_eq!(mul(a, b), reference_mul(a, b), "{a} · {b}");
            }
        }
    }

    #[test]
    fn field_axioms_hold() {
        for a in 0..=255u8 {
            assert_eq!(mul(a, 1), a);
            assert_eq!(mul(a, 0), 0);
            for b in 0..=255u8 {
                assert_eq!(mul(a, b), mul(b, a), "commutative at {a}, {b}");
            }
        }
        // Associativity and distributivity on a sample of triples (all 2^24 take a while
        // unoptimised): every a, with b and c stepping through the field coprimely.
        for a in 0..=255u8 {
            for step in 0..64u8 {
                let b = step.wrapping_mul(37).wrapping_add(a);
                let c = step.wrapping_mul(101).wrapping_add(7);
                assert_eq!(mul(mul(a, b), c), mul(a, mul(b, c)), "{a} {b} {c}");
                assert_eq!(mul(a, b ^ c), mul(a, b) ^ mul(a, c), "{a} {b} {c}");
            }
        }
    }

    #[test]
    fn every_non_zero_element_has_its_inverse_and_two_generates_the_field() {
        assert_eq!(inv(0), 0);
        for a in 1..=255u8 {
            assert_eq!(mul(a, inv(a)), 1, "{a}");
        }
        // sharks' exp table starts 1, 2, 4, ..., 0x80, 0x1d: 2 is primitive for 0x11D.
        let mut seen = [false; 256];
        let mut power = 1u8;
        for _ in 0..255 {
            assert!(!seen[usize::from(power)]);
            seen[usize::from(power)] = true;
            power = mul(power, 2);
        }
        assert_eq!(power, 1);
        assert_eq!(mul(0x80, 2), 0x1d);
    }

    #[test]
    fn bad_thresholds_and_shares_are_errors() {
        let mut rng = rand::thread_rng();
        assert_eq!(deal(b"s", 0, 3, &mut rng), Err(ShamirError::Threshold));
        assert_eq!(deal(b"s", 4, 3, &mut rng), Err(ShamirError::Threshold));
        let y: &[u8] = &[1, 2];
        for points in [
            vec![],
            vec![(0, y)],
            vec![(1, y), (1, y)],
            vec![(1, y), (2, &y[..1])],
            vec![(1, &[][..])],
        ] {
            assert_eq!(interpolate_at_zero(&points), Err(ShamirError::Shares));
        }
    }

    fn shares_at<'a>(shares: &'a [u8], len: usize, xs: &[u8]) -> Vec<(u8, &'a [u8])> {
        xs.iter()
            .map(|&x| {
                let start = (usize::from(x) - 1) * len;
                (x, &shares[start..start + len])
            })
            .collect()
    }

    proptest! {
        #[test]
        fn any_k_of_n_recover_and_k_minus_1_do_not(
            secret in proptest::collection::vec(any::<u8>(), 16..=32),
            (k, n, subset, fewer) in (1u8..=8).prop_flat_map(|k| (Just(k), k..=12))
                .prop_flat_map(|(k, n)| {
                    let all: Vec<u8> = (1..=n).collect();
                    (
                        Just(k),
                        Just(n),
                        proptest::sample::subsequence(all.clone(), usize::from(k)..=usize::from(n)),
                        proptest::sample::subsequence(all, usize::from(k) - 1),
                    )
                }),
        ) {
            let shares = deal(&secret, k, n, &mut rand::thread_rng()).unwrap();
            prop_assert_eq!(shares.len(), usize::from(n) * secret.len());
            let recovered = interpolate_at_zero(&shares_at(&shares, secret.len(), &subset)).unwrap();
            prop_assert_eq!(recovered.as_slice(), secret.as_slice());
            if k > 1 {
                // k - 1 shares: every secret is as likely, so a 16-byte secret comes
                // out right with probability 2^-128.
                let guess = interpolate_at_zero(&shares_at(&shares, secret.len(), &fewer)).unwrap();
                prop_assert_ne!(guess.as_slice(), secret.as_slice());
            }
        }

        #[test]
        fn sharks_dealt_shares_recover_here(
            secret in proptest::collection::vec(any::<u8>(), 1..=32),
            k in 1u8..=8,
            extra in 0u8..=4,
        ) {
            let n = k + extra;
            let dealt: Vec<Vec<u8>> = sharks::Sharks(k)
                .dealer(&secret)
                .take(usize::from(n))
                .map(|share| Vec::from(&share))
                .collect();
            let points: Vec<(u8, &[u8])> =
                dealt.iter().map(|share| (share[0], &share[1..])).collect();
            prop_assert_eq!(points.iter().map(|p| p.0).collect::<Vec<_>>(), (1..=n).collect::<Vec<_>>());
            // All n, and the last k alone.
            let all = interpolate_at_zero(&points).unwrap();
            prop_assert_eq!(all.as_slice(), secret.as_slice());
            let last_k = interpolate_at_zero(&points[usize::from(extra)..]).unwrap();
            prop_assert_eq!(last_k.as_slice(), secret.as_slice());
        }

        #[test]
        fn shares_dealt_here_recover_with_sharks(
            secret in proptest::collection::vec(any::<u8>(), 1..=32),
            k in 1u8..=8,
            extra in 0u8..=4,
        ) {
            let n = k + extra;
            let shares = deal(&secret, k, n, &mut rand::thread_rng()).unwrap();
            let as_sharks: Vec<sharks::Share> = (1..=n)
                .map(|x| {
                    let mut bytes = vec![x];
                    bytes.extend_from_slice(shares_at(&shares, secret.len(), &[x])[0].1);
                    sharks::Share::try_from(bytes.as_slice()).unwrap()
                })
                .collect();
            let recovered = sharks::Sharks(k).recover(&as_sharks[usize::from(extra)..]).unwrap();
            prop_assert_eq!(&recovered, &secret);
            prop_assert_eq!(&sharks::Sharks(k).recover(&as_sharks).unwrap(), &secret);
        }
    }
}
