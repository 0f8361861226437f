import pytest

from dashboard.data.quotes import chinese_numeral, mentions, states


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("给予每年20万元运营补贴", 200_000, "CNY"),
        ("元宇宙产业规模突破3500亿元", 350_000_000_000, "CNY"),
        ("数字经济核心产业增加值占地区生产总值12.8%以上", 12.8, "percent"),
        ("给予最高一亿元资金支持", 100_000_000, "CNY"),
        ("预计2027年元宇宙市场规模将达1263.5亿元", 126_350_000_000, "CNY"),
        ("发起设立百亿级元宇宙新赛道产业基金", 10_000_000_000, "CNY"),
        ("千亿级虚拟现实产业高地", 100_000_000_000, "CNY"),
        ("营收上亿元的元宇宙企业", 100_000_000, "CNY"),
        ("十余家公司", 10, "count"),
        ("培育推广百项应用场景", 100, "count"),
        ("补贴年限不少于三年", 3, "years"),
        ("每增加100平方米再增加给予5万元补贴", 100, "m2"),
        ("培育10-15家工信部元宇宙专精特新", 15, "count"),
    ],
)
def test_quote_states_its_normalised_value(text, value, unit):
    assert states(text, value, unit)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("给予每年20万元运营补贴", 20_000, "CNY"),  # a slip of one order
        ("给予每年20万元运营补贴", 20, "count"),  # 20万 is an amount, not a count of 20
        ("元宇宙产业规模突破3500亿元", 3_500_000_000, "CNY"),
        ("12.8%以上", 12.8, "CNY"),
        ("每年补贴面积不超过2000平方米", 2000, "CNY"),
    ],
)
def test_quote_does_not_state_other_values(text, value, unit):
    assert not states(text, value, unit)


@pytest.mark.parametrize(("text", "value"), [("三", 3), ("十", 10), ("十五", 15), ("一千", 1000), ("三千五百", 3500)])
def test_chinese_numerals(text, value):
    assert chinese_numeral(text) == value


def test_mentions_of_a_formula_subsidy():
    found = mentions("面积在400平方米以上的载体，给予每年20万元运营补贴，每增加100平方米再增加给予5万元补贴")
    assert [(m.value, m.money) for m in found] == [(400, False), (200_000, True), (100, False), (50_000, True)]
