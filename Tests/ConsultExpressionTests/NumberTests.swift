import ConsultExpression
import Testing

@Suite("Number")
struct NumberTests {
    static let canonical: [(String, String)] = [
        ("2.70", "2.7"), ("1000000", "1000000"), ("-0.5", "-0.5"), ("0.0331", "0.0331"),
        ("-12.50", "-12.5"), ("3", "3"), ("1234567.89", "1234567.89"), ("007", "7"), ("-0", "0"),
        ("0.000", "0"), ("100.00", "100"), ("0.3333333333333333333", "0.3333333333333333333"),
        ("10000000000.01", "10000000000.01"), ("9223372036854775807", "9223372036854775807"),
        ("123456789012345678901234", "123456789012345678900000"),
        ("0.12345678901234567891", "0.1234567890123456789"),
        ("99999999999999999999", "100000000000000000000"),
    ]

    @Test(arguments: canonical)
    func parsesToCanonicalText(_ text: String, _ expected: String) throws {
        let number = try #require(Number(text))
        #expect(number.description == expected)
        #expect(Number(number.description) == number)
    }

    @Test(arguments: ["", "-", "1.", ".5", "+1", "1e5", "1,000", " 1", "1 ", "abc", "--1", "1.2.3", "0x10", "1_000", "١"])
    func rejectsOtherText(_ text: String) {
        #expect(Number(text) == nil)
    }

    @Test func equalValuesAreEqualAndHashEqual() {
        #expect(Number("4.40") == Number("4.4"))
        #expect(Number(100) == Number("100.000"))
        #expect(Set([Number("1.0")!, Number(1), Number("1.000")!, 1]).count == 1)
        #expect(Number.zero == -Number.zero)
        #expect(Number("0.1")! + Number("0.2")! == Number("0.3")!)
    }

    @Test func comparesExactlyAcrossExponents() {
        let values = ["-1000000", "-4.41", "-4.4", "-0.000001", "0", "0.0000000000000000001", "0.3333333333333333333",
                      "0.3333333333333333334", "4.4", "4.41", "999999.999999", "1000000", "1000000.000001",
                      "9223372036854775807", "10000000000000000000"].map { Number($0)! }
        #expect(values.shuffled().sorted() == values)
        for (i, a) in values.enumerated() {
            for (j, b) in values.enumerated() {
                #expect((a < b) == (i < j))
                #expect((a == b) == (i == j))
            }
        }
        #expect(Number("4.4")! <= Number("4.4")!)
        #expect(Number(1_000_000) > Number("999999.99")!)
    }

    @Test func arithmeticIsExact() {
        #expect(Number("1.10")! + Number("2.205")! == Number("3.305")!)
        #expect(Number("0.3")! - Number("0.1")! == Number("0.2")!)
        #expect(Number("1.1")! * Number("1.1")! == Number("1.21")!)
        #expect(Number(10_000_000_000) * 100 == Number(1_000_000_000_000))
        #expect(Number("9999999999.99")! * 100 == Number(999_999_999_999))
        #expect(-Number("2.5")! == Number("-2.5")!)
        #expect(Number(5) - Number(8) == Number(-3))
    }

    @Test func overflowRoundsInsteadOfTrapping() {
        let big = Number("9223372036854775807")!
        #expect((big + 1).description == "9223372036854775810")
        #expect((big * big) > big)
        #expect((-big - big) < -big)
        let product = Number("123456789012345678")! * Number("987654321098765432")!
        #expect(product.description == "121932631137021794000000000000000000")
        #expect((Number("100000000000000000000")! + Number("0.00000000000000000001")!).description
                == "100000000000000000000")
        #expect((Number("0.1")! + Number("1000000000000000000000000000000")!).description
                == "1000000000000000000000000000000")
        #expect(Number(Int.min) < Number(Int.max))
        #expect((Number(Int.min) * Number(Int.min)) > 0)
    }

    @Test func divisionRoundsToNineteenDigits() throws {
        #expect(Number(1).divided(by: 3)?.description == "0.3333333333333333333")
        #expect(Number(2).divided(by: 3)?.description == "0.6666666666666666667")
        #expect(Number(-1).divided(by: 3)?.description == "-0.3333333333333333333")
        #expect(Number(100).divided(by: 18)?.description == "5.555555555555555556")
        #expect(Number(10).divided(by: 4) == Number("2.5"))
        #expect(Number(6).divided(by: 3) == Number(2))
        #expect(Number("9999999999.99")!.divided(by: Number("0.01")!) == Number(999_999_999_999))
        #expect(Number(1).divided(by: 0) == nil)
        #expect(Number.zero.divided(by: 0) == nil)
        #expect(Number.zero.divided(by: 7) == .zero)
        let third = try #require(Number(100).divided(by: 3))
        #expect(abs((third * 3 - 100).doubleValue) < 1e-15)
        let huge = try #require(Number("9223372036854775807")!.divided(by: Number("0.0000000000000000001")!))
        #expect(huge.description == "92233720368547758070000000000000000000")
        let tiny = try #require(Number(1).divided(by: Number("9223372036854775807")!))
        #expect(tiny > 0 && tiny < Number("0.0000000000000000002")!)
    }

    @Test func roundsHalfAwayFromZero() {
        #expect(Number("2.5")!.rounded(places: 0) == 3)
        #expect(Number("-2.5")!.rounded(places: 0) == -3)
        #expect(Number("2.449")!.rounded(places: 2) == Number("2.45"))
        #expect(Number("2.444")!.rounded(places: 2) == Number("2.44"))
        #expect(Number("1.005")!.rounded(places: 2) == Number("1.01"))
        #expect(Number("-1.005")!.rounded(places: 2) == Number("-1.01"))
        #expect(Number("1250")!.rounded(places: -2) == Number(1300))
        #expect(Number("4.6")!.rounded(places: 5) == Number("4.6"))
        #expect(Number("0.0004")!.rounded(places: 3) == .zero)
        #expect(Number("0.3333333333333333333")!.rounded(places: 40) == Number("0.3333333333333333333"))
        #expect(Number(7).rounded(places: Int.min) == .zero)
        #expect(Number(7).rounded(places: Int.max) == 7)
    }

    @Test func convertsFromAndToDouble() {
        #expect(Number(0.1) == Number("0.1"))
        #expect(Number(4.6).description == "4.6")
        #expect(Number(-2.5).description == "-2.5")
        #expect(Number(1e-5).description == "0.00001")
        #expect(Number(1e20).description == "100000000000000000000")
        #expect(Number(123.456).description == "123.456")
        #expect(Number(Double.nan) == .zero)
        #expect(Number(Double.infinity) == .zero)
        #expect(Number(Double.leastNonzeroMagnitude) > .zero)
        #expect(Number("4.6")!.doubleValue == 4.6)
        #expect(Number("0.1")!.doubleValue == 0.1)
        #expect(Number("-12.5")!.doubleValue == -12.5)
        #expect(Number(1).divided(by: 3)!.doubleValue == 1.0 / 3.0)
        #expect(Number("1000000000000000000000000000000")!.doubleValue == 1e30)
        for double in [0.1, 4.6, 1234567.89, 1e-7, 3.3e15, -0.0331] {
            #expect(Number(double).doubleValue == double)
        }
    }

    @Test func properties() {
        #expect(Number(3).isInteger)
        #expect(Number(3_000_000).isInteger)
        #expect(!Number("3.5")!.isInteger)
        #expect(Number.zero.isZero && Number("0.00")!.isZero && !Number("0.01")!.isZero)
        let literal: Number = 42
        #expect(literal == Number(42))
    }
}
