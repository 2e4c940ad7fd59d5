import ConsultEngine
import ConsultPlaybook
import ConsultRender

/// Fixed words of the portfolio summary in both languages (plan words come from `Labels`).
enum SummaryWords {
    enum Key {
        case title, merchants, planned, failed, stopped, bySeverity, severity, none, count, share
        case topFindings, ruleCounts, triage, topProblem, firstAction, plan, errors, moreErrors
        case rank, merchant, source, row, status, ok, error, findings, code, rule, findingTitle, fires, noFindings
        case triageNote, inputs, errorsNote
        case gmv, gmvAtRisk, byConsultant, consultant, commonTopProblem, gmvColumn
    }

    static func text(_ key: Key, _ l: Language) -> String {
        let zh = l == .zh
        switch key {
        case .title: return zh ? "商家组合诊断汇总" : "Portfolio diagnosis summary"
        case .merchants: return zh ? "商家数" : "Merchants"
        case .planned: return zh ? "已出方案" : "Planned"
        case .failed: return zh ? "数据有误未出方案" : "Failed (bad data)"
        case .stopped: return zh ? "遇到第一条错误后已停止（--on-error stop），之后的行没有处理。" : "Stopped at the first bad row (--on-error stop); later rows were not read."
        case .bySeverity: return zh ? "按首要问题的严重度" : "By severity of the top problem"
        case .severity: return zh ? "严重度" : "Severity"
        case .none: return zh ? "无问题" : "no findings"
        case .count: return zh ? "商家数" : "Merchants"
        case .share: return zh ? "占比" : "Share"
        case .topFindings: return zh ? "最常见的问题" : "Most frequent problems"
        case .ruleCounts: return zh ? "各规则命中次数" : "Rule fire counts"
        case .triage: return zh ? "优先跟进名单" : "Triage: merchants needing attention first"
        case .triageNote: return zh ? "先看首要问题的严重度，同一严重度里月成交额大的在前（涉及的生意多），再看首要问题的排序分。背景提示不算问题。" : "Ordered by the severity of the top problem, then by monthly GMV within a severity (more business at stake), then by the top problem's score. Context notes are not counted as problems."
        case .topProblem: return zh ? "首要问题" : "Top problem"
        case .firstAction: return zh ? "第一步行动" : "First action"
        case .plan: return zh ? "方案" : "Plan"
        case .errors: return zh ? "数据有误的行" : "Rows with bad values"
        case .errorsNote: return zh ? "只列出前 1000 条" : "first 1000 listed"
        case .moreErrors: return zh ? "条错误未列出" : "more errors not listed"
        case .rank: return "#"
        case .merchant: return zh ? "商家" : "Merchant"
        case .source: return zh ? "文件" : "File"
        case .row: return zh ? "行" : "Row"
        case .status: return zh ? "状态" : "Status"
        case .ok: return zh ? "已出方案" : "planned"
        case .error: return zh ? "数据有误" : "error"
        case .findings: return zh ? "问题数" : "Findings"
        case .code: return zh ? "编号" : "Code"
        case .rule: return zh ? "规则" : "Rule"
        case .findingTitle: return zh ? "问题" : "Finding"
        case .fires: return zh ? "命中商家数" : "Merchants"
        case .noFindings: return zh ? "没有商家命中任何规则。" : "No merchant triggered any rule."
        case .inputs: return zh ? "输入" : "Inputs"
        case .gmv: return zh ? "月成交额" : "Monthly GMV"
        case .gmvColumn: return zh ? "月成交额（元）" : "Monthly GMV (CNY)"
        case .gmvAtRisk: return zh ? "严重/高问题涉及的月成交额" : "GMV with a critical or high top problem"
        case .byConsultant: return zh ? "按顾问" : "By consultant"
        case .consultant: return zh ? "顾问" : "Consultant"
        case .commonTopProblem: return zh ? "最常见的首要问题" : "Commonest top problem"
        }
    }

    static func severity(_ s: Severity?, _ l: Language) -> String {
        s.map { Labels.severity($0, l) } ?? text(.none, l)
    }
}
