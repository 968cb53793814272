<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
  <context>
    <name>AuditAction</name>
    <message>
      <source>Added</source>
      <translation>新增</translation>
    </message>
    <message>
      <source>Changed</source>
      <translation>修改</translation>
    </message>
    <message>
      <source>Saved despite warning</source>
      <translation>校验未通过，按原因保存</translation>
    </message>
    <message>
      <source>Deleted</source>
      <translation>删除</translation>
    </message>
  </context>
  <context>
    <name>Autosave</name>
    <message>
      <source>Saving…</source>
      <translation>正在保存…</translation>
    </message>
    <message>
      <source>Not saved: correct the entry marked in red. What was saved before is kept.</source>
      <translation>未保存：请更正标红的内容。之前已保存的内容不受影响。</translation>
    </message>
    <message>
      <source>This record no longer exists (it was removed in another window).</source>
      <translation>该记录已不存在（可能已在其他窗口删除）。</translation>
    </message>
    <message>
      <source>✓ Saved automatically at {time}</source>
      <translation>✓ 已自动保存 {time}</translation>
    </message>
  </context>
  <context>
    <name>ChartsDailyChart</name>
    <message>
      <source>Inspections finalized</source>
      <translation>定稿检查数</translation>
    </message>
    <message>
      <source>Problems found</source>
      <translation>发现问题数</translation>
    </message>
  </context>
  <context>
    <name>ChecklistForm</name>
    <message>
      <source>Operator inspected</source>
      <translation>检查对象</translation>
    </message>
    <message>
      <source>Name:</source>
      <translation>名称：</translation>
    </message>
    <message>
      <source>Identifier:</source>
      <translation>证照号码：</translation>
    </message>
    <message>
      <source>Address:</source>
      <translation>住所（经营场所）：</translation>
    </message>
    <message>
      <source>Legal representative, phone:</source>
      <translation>法定代表人、电话：</translation>
    </message>
    <message>
      <source>The operator as a whole</source>
      <translation>整个经营主体</translation>
    </message>
    <message>
      <source>Shop / website inspected:</source>
      <translation>检查的网店/网站：</translation>
    </message>
    <message>
      <source>Kind of inspection:</source>
      <translation>检查类别：</translation>
    </message>
    <message>
      <source>{title} (version {version}, fingerprint {hash})</source>
      <translation>{title}（第 {version} 版，校验值 {hash}）</translation>
    </message>
    <message>
      <source>Checklist:</source>
      <translation>检查表：</translation>
    </message>
    <message>
      <source>Checklist items</source>
      <translation>检查事项</translation>
    </message>
    <message>
      <source>Methods, results and follow-up</source>
      <translation>核查方式、检查结果和后续处置</translation>
    </message>
    <message>
      <source>Methods:</source>
      <translation>核查方式：</translation>
    </message>
    <message>
      <source>Results:</source>
      <translation>检查结果：</translation>
    </message>
    <message>
      <source>Choose…</source>
      <translation>请选择…</translation>
    </message>
    <message>
      <source>Follow-up:</source>
      <translation>后续处置：</translation>
    </message>
    <message>
      <source>What the operator must do (printed on the order to correct), or the other measure</source>
      <translation>当事人应当如何整改（印在责令改正通知书上），或其他处置措施</translation>
    </message>
    <message>
      <source>Requirement / details:</source>
      <translation>整改要求/说明：</translation>
    </message>
    <message>
      <source>Rectify by:</source>
      <translation>整改期限：</translation>
    </message>
    <message>
      <source>The party's opinion and notes</source>
      <translation>当事人意见和备注</translation>
    </message>
    <message>
      <source>Party's opinion:</source>
      <translation>当事人意见：</translation>
    </message>
    <message>
      <source>Notes:</source>
      <translation>备注：</translation>
    </message>
    <message>
      <source>Describe the other measure (required)</source>
      <translation>请说明其他处置措施（必填）</translation>
    </message>
  </context>
  <context>
    <name>Cli</name>
    <message>
      <source>--operators must be at least 1.</source>
      <translation>--operators 至少为 1。</translation>
    </message>
    <message>
      <source>The data directory {path} holds inspection records, which are legal records: the demo will not replace them. Nothing was changed. Use another data directory (--data-dir) for the demo.</source>
      <translation>数据目录 {path} 中有检查记录，属于执法记录，演示数据不会替换它们。未做任何更改。请为演示另选一个数据目录（--data-dir）。</translation>
    </message>
    <message>
      <source>The data directory {path} already holds the station {name}. Replace it with demo data? [y/N] </source>
      <translation>数据目录 {path} 中已有“{name}”的数据。要用演示数据替换吗？（原数据会先备份）[y/N] </translation>
    </message>
    <message>
      <source>Nothing was changed.</source>
      <translation>未做任何更改。</translation>
    </message>
    <message>
      <source>The previous data was backed up to {path}.</source>
      <translation>原有数据已备份到 {path}。</translation>
    </message>
    <message>
      <source>Demo station created in {path} with {count} operators.</source>
      <translation>已在 {path} 创建演示所，共 {count} 户经营主体。</translation>
    </message>
    <message>
      <source>There is no station database in {path}. Create one with: python -m app demo</source>
      <translation>{path} 中还没有本所数据库。可以先运行：python -m app demo 创建演示所。</translation>
    </message>
    <message>
      <source>the finalized record was changed after it was sealed</source>
      <translation>该记录定稿封存后被改动过</translation>
    </message>
    <message>
      <source>the stored link does not match the record</source>
      <translation>保存的链值与记录内容不符</translation>
    </message>
    <message>
      <source>the link does not follow the previous one (a link was removed)</source>
      <translation>与上一链不衔接（有链节被删除）</translation>
    </message>
    <message>
      <source>the sealed record is missing</source>
      <translation>已封存的记录不见了</translation>
    </message>
    <message>
      <source>the record is marked finalized but was never sealed</source>
      <translation>记录标为已定稿，但从未封存入链</translation>
    </message>
    <message>
      <source>missing</source>
      <translation>缺失</translation>
    </message>
    <message>
      <source>damaged (its bytes no longer match SHA-256/SM3)</source>
      <translation>已损坏（内容与 SHA-256/SM3 校验值不符）</translation>
    </message>
    <message>
      <source>--limit must be 0 (all records) or more, not {limit}.</source>
      <translation>--limit 须为 0（全部记录）或正整数，不能是 {limit}。</translation>
    </message>
    <message>
      <source>Hash chain broken at link {seq}, record {id}: {reason}.</source>
      <translation>哈希链在第 {seq} 链断开，记录 {id}：{reason}。</translation>
    </message>
    <message>
      <source>Hash chain intact: {count} finalized records checked.</source>
      <translation>哈希链完整：已核验 {count} 份定稿记录。</translation>
    </message>
    <message>
      <source>Evidence file {sha256} of record {id} is {state}.</source>
      <translation>记录 {id} 的证据文件 {sha256} {state}。</translation>
    </message>
    <message>
      <source>Evidence files intact: {count} checked against SHA-256 and SM3.</source>
      <translation>证据文件完整：已按 SHA-256 和 SM3 核验 {count} 个。</translation>
    </message>
    <message>
      <source>There is no task with the number or id {task}.</source>
      <translation>没有编号或标识为 {task} 的抽查任务。</translation>
    </message>
    <message>
      <source>The draw of task {number} matches: recomputed from its seed and pools, same result.</source>
      <translation>任务 {number} 的抽取结果一致：按保存的种子和名录库重新计算，结果相同。</translation>
    </message>
    <message>
      <source>The draw of task {number} does NOT match:</source>
      <translation>任务 {number} 的抽取结果不一致：</translation>
    </message>
    <message>
      <source>Note: the register has changed since the draw ({added} candidates added, {removed} removed); the draw is checked against the pool stored with it.</source>
      <translation>提示：抽取后台账已有变化（新增 {added} 户、减少 {removed} 户）；核验依据的是抽取时保存的名录库。</translation>
    </message>
    <message>
      <source>rejected</source>
      <translation>已拒绝</translation>
    </message>
    <message>
      <source>conflict</source>
      <translation>冲突</translation>
    </message>
    <message>
      <source>warning</source>
      <translation>警告</translation>
    </message>
    <message>
      <source>--month must look like 2024-05, not {month}.</source>
      <translation>--month 应写成 2024-05 这样的格式，而不是 {month}。</translation>
    </message>
    <message>
      <source>command line</source>
      <translation>命令行</translation>
    </message>
    <message>
      <source>There is no active officer named {name}.</source>
      <translation>没有名为 {name} 的在岗执法人员。</translation>
    </message>
    <message>
      <source>Row {row} ({status}): {message}</source>
      <translation>第 {row} 行（{status}）：{message}</translation>
    </message>
    <message>
      <source>Row {row}, column {column} {label} ({status}): {message}</source>
      <translation>第 {row} 行 {column} 列 {label}（{status}）：{message}</translation>
    </message>
    <message>
      <source>{file}, sheet {sheet}: {new} new, {changed} changed, {unchanged} unchanged, {conflicts} conflicting, {rejected} rejected, {warnings} with warnings.</source>
      <translation>{file}，工作表 {sheet}：新增 {new} 户，变更 {changed} 户，无变化 {unchanged} 户，冲突 {conflicts} 户，拒绝 {rejected} 户，有警告 {warnings} 户。</translation>
    </message>
    <message>
      <source>… and {count} more problems; write them all with --error-report FILE.</source>
      <translation>……另有 {count} 个问题；可用 --error-report 文件名 导出全部问题。</translation>
    </message>
    <message>
      <source>The error report lists {count} rows: {path}</source>
      <translation>问题报告共列出 {count} 行：{path}</translation>
    </message>
    <message>
      <source>Dry run: nothing was changed.</source>
      <translation>仅预览：未作任何更改。</translation>
    </message>
    <message>
      <source>Nothing to import: the register already holds everything that can be.</source>
      <translation>没有可导入的内容：能导入的信息台账中都已有。</translation>
    </message>
    <message>
      <source>Imported: {new} new and {changed} changed operators, {carriers} carriers added. The import can be undone in the register view (Undo last import).</source>
      <translation>已导入：新增 {new} 户、变更 {changed} 户经营主体，新增载体 {carriers} 个。可在经营主体台账页面撤销本次导入（“撤销上次导入”）。</translation>
    </message>
    <message>
      <source>Exported {rows} rows ({operators} operators) to {path}.</source>
      <translation>已导出 {rows} 行（{operators} 户经营主体）到 {path}。</translation>
    </message>
    <message>
      <source>ID numbers and phone numbers are masked. Add --include-personal-data to export them in full (the export is then recorded in the audit log).</source>
      <translation>身份证号和电话号码已脱敏。加 --include-personal-data 可导出完整号码（该次导出会记入操作日志）。</translation>
    </message>
    <message>
      <source>Personal data is included; the export was recorded in the audit log.</source>
      <translation>已包含个人信息；本次导出已记入操作日志。</translation>
    </message>
    <message>
      <source>Exported {rows} rows to {path}.</source>
      <translation>已导出 {rows} 行至 {path}。</translation>
    </message>
    <message>
      <source>Resident ID numbers are masked. Add --include-personal-data to export them in full (the export is then recorded in the audit log).</source>
      <translation>身份证号码已脱敏。如需导出完整号码，请加 --include-personal-data（导出将记入审计日志）。</translation>
    </message>
  </context>
  <context>
    <name>ConfirmPage</name>
    <message>
      <source>Confirm the import</source>
      <translation>确认导入</translation>
    </message>
    <message>
      <source>Import {new} new operators and the changes to {changed} operators from {file}? Everything is saved in one step, recorded in the change history with the file's name, and the import can be undone afterwards.</source>
      <translation>从 {file} 导入 {new} 户新经营主体，并变更 {changed} 户经营主体的信息？所有内容一次保存，变更记录中注明文件名，导入后可以撤销。</translation>
    </message>
    <message>
      <source>There is nothing to import: the register already holds everything that can be.</source>
      <translation>没有可导入的内容：能导入的信息台账中都已有。</translation>
    </message>
    <message>
      <source>Press “&lt; Make the preview again” to compare the ledger with the register as it is now, check the new preview and import it; or press Cancel.</source>
      <translation>请点击“&lt; 重新预览”，将台账与现有数据重新比对，核对新的预览后再导入；或点击“取消”。</translation>
    </message>
    <message>
      <source>Press Import to try again, Back to return to the preview, or Cancel to import nothing.</source>
      <translation>可点击“导入”重试，点击“上一步”返回预览，或点击“取消”不导入任何内容。</translation>
    </message>
    <message>
      <source>Import</source>
      <translation>导入</translation>
    </message>
    <message>
      <source>&lt; Make the preview again</source>
      <translation>&lt; 重新预览</translation>
    </message>
    <message>
      <source>Importing…</source>
      <translation>正在导入……</translation>
    </message>
    <message>
      <source>The import was cancelled. Nothing was changed.</source>
      <translation>导入已取消，未作任何更改。</translation>
    </message>
  </context>
  <context>
    <name>ConflictsPage</name>
    <message>
      <source>An officer linked to an operator (a relative, a former employer…) must not inspect it. The random draw never pairs them, and a new inspection refuses them.</source>
      <translation>与经营主体有利害关系的执法人员（如亲属、原工作单位）应当回避，不得检查该主体。双随机抽取不会把他们配对，新建检查也会拒绝。</translation>
    </message>
    <message>
      <source>Officer</source>
      <translation>执法人员</translation>
    </message>
    <message>
      <source>Operator</source>
      <translation>经营主体</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <source>Type a name, code or phone to find the operator</source>
      <translation>输入名称、证照号码或电话查找经营主体</translation>
    </message>
    <message>
      <source>Why (required; kept in the audit log)</source>
      <translation>原因（必填，记入变更记录）</translation>
    </message>
    <message>
      <source>Add</source>
      <translation>添加</translation>
    </message>
    <message>
      <source>Lift the selected one</source>
      <translation>解除选中的回避</translation>
    </message>
    <message>
      <source>Officer:</source>
      <translation>执法人员：</translation>
    </message>
    <message>
      <source>Operator:</source>
      <translation>经营主体：</translation>
    </message>
    <message>
      <source>Reason:</source>
      <translation>原因：</translation>
    </message>
    <message>
      <source>Choose the officer and find the operator first.</source>
      <translation>请先选择执法人员并查到经营主体。</translation>
    </message>
    <message>
      <source>Select the conflict to lift in the list.</source>
      <translation>请在列表中选中要解除的回避关系。</translation>
    </message>
  </context>
  <context>
    <name>ConflictsView</name>
    <message>
      <source>Changes and registry correction proposals the province did not take. Select one to compare the station's values with the province's; edit and propose again, or discard it.</source>
      <translation>省级平台未接收的修改和台账更正提议。选中一项可对照本所的值与省级平台的值；可修改后重新提议，或放弃。</translation>
    </message>
    <message>
      <source>State</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>Record</source>
      <translation>记录</translation>
    </message>
    <message>
      <source>Why</source>
      <translation>原因</translation>
    </message>
    <message>
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <source>Field</source>
      <translation>字段</translation>
    </message>
    <message>
      <source>Station's value</source>
      <translation>本所的值</translation>
    </message>
    <message>
      <source>Province's current value</source>
      <translation>省级平台当前的值</translation>
    </message>
    <message>
      <source>Edit and propose again…</source>
      <translation>修改后重新提议……</translation>
    </message>
    <message>
      <source>Discard…</source>
      <translation>放弃……</translation>
    </message>
    <message>
      <source>No conflicts: the province took everything this station sent.</source>
      <translation>没有冲突：本所发送的内容省级平台均已接收。</translation>
    </message>
    <message>
      <source>{what}: {title}</source>
      <translation>{what}：{title}</translation>
    </message>
    <message>
      <source>{meaning} ({reason})</source>
      <translation>{meaning}（{reason}）</translation>
    </message>
    <message>
      <source>{explanation}
The register on this computer shows the province's values again; the station's values are kept here to edit and propose again.</source>
      <translation>{explanation}
本机台账已恢复为省级平台的值；本所的值保留在这里，可修改后重新提议。</translation>
    </message>
    <message>
      <source>{explanation}
There are no fields to compare for this kind of record.</source>
      <translation>{explanation}
此类记录没有可对照的字段。</translation>
    </message>
    <message>
      <source>Not in the province's register, or not known here.</source>
      <translation>不在省级台账中，或本机无从得知。</translation>
    </message>
    <message>
      <source>Discard</source>
      <translation>放弃</translation>
    </message>
    <message>
      <source>Proposed again</source>
      <translation>重新提议</translation>
    </message>
    <message>
      <source>Edit and propose again</source>
      <translation>修改后重新提议</translation>
    </message>
    <message>
      <source>This operator is no longer in the register on this computer. Discard the item instead.</source>
      <translation>本机台账中已没有该经营主体，请改为放弃此项。</translation>
    </message>
    <message>
      <source>Proposed again after editing</source>
      <translation>修改后已重新提议</translation>
    </message>
  </context>
  <context>
    <name>DailyChart</name>
    <message>
      <source>Inspections finalized</source>
      <translation>定稿检查数</translation>
    </message>
    <message>
      <source>Problems found</source>
      <translation>发现问题数</translation>
    </message>
  </context>
  <context>
    <name>DeleteOperatorDialog</name>
    <message>
      <source>Delete operator</source>
      <translation>删除经营主体</translation>
    </message>
    <message>
      <source>Delete “{name}” from the register? The record is kept in the change history and can still be shown with “Show deleted”.</source>
      <translation>确定从台账中删除“{name}”吗？删除后记录仍保留在变更记录中，勾选“显示已删除”仍可查看。</translation>
    </message>
    <message>
      <source>For example: business closed, entered twice</source>
      <translation>例如：已歇业、重复录入</translation>
    </message>
    <message>
      <source>Delete</source>
      <translation>删除</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Reason for deletion (required):</source>
      <translation>删除原因（必填）：</translation>
    </message>
  </context>
  <context>
    <name>DiscardDialog</name>
    <message>
      <source>Discard</source>
      <translation>放弃</translation>
    </message>
    <message>
      <source>Discard this proposal? It disappears from the list and the change history records who discarded it and why. The register on this computer keeps the province's values.</source>
      <translation>放弃此提议？它将从列表中消失，变更记录会记下放弃人和原因。本机台账保持省级平台的值。</translation>
    </message>
    <message>
      <source>Hide this proposal? The province may still decide on it; the change history records who hid it and why.</source>
      <translation>隐藏此提议？省级平台仍可能对其作出决定；变更记录会记下隐藏人和原因。</translation>
    </message>
    <message>
      <source>Discard this refused change? It disappears from the list and the change history records who discarded it and why. Nothing is sent to the server.</source>
      <translation>放弃这项被拒收的修改？它将从列表中消失，变更记录会记下放弃人和原因。不会向服务器发送任何内容。</translation>
    </message>
    <message>
      <source>Accepted the province's decision</source>
      <translation>接受省级平台的决定</translation>
    </message>
    <message>
      <source>Reason:</source>
      <translation>原因：</translation>
    </message>
  </context>
  <context>
    <name>DocumentWindow</name>
    <message>
      <source>This is how the document will be printed. Print it for the signatures, or save it as a PDF file to keep or send. Each page shows its number and the signature lines.</source>
      <translation>以下为打印效果。可打印后请当事人和检查人员签名，也可保存为 PDF 文件存档或发送。每页均有页码和签名栏。</translation>
    </message>
    <message>
      <source>Print preview…</source>
      <translation>打印预览…</translation>
    </message>
    <message>
      <source>Save as PDF…</source>
      <translation>保存为 PDF…</translation>
    </message>
    <message>
      <source>Close</source>
      <translation>关闭</translation>
    </message>
    <message>
      <source>Save as PDF</source>
      <translation>保存为 PDF</translation>
    </message>
    <message>
      <source>PDF files (*.pdf)</source>
      <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
      <source>The PDF could not be written to {path}. Choose another folder (for example Documents) and try again.</source>
      <translation>无法将 PDF 写入 {path}。请换一个文件夹（例如“文档”）后重试。</translation>
    </message>
    <message>
      <source>Not saved</source>
      <translation>未保存</translation>
    </message>
    <message>
      <source>Saved {pages} pages to {path}.</source>
      <translation>已保存 {pages} 页到 {path}。</translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <source>Cannot unlock the database</source>
      <translation>无法解锁数据库</translation>
    </message>
    <message>
      <source>The database {path} is encrypted with a different key. Nothing was changed. Start StationDesk under the Windows account that created the data, or restore the key; if you use a key file or passphrase, check that it is the right one.</source>
      <translation>数据库 {path} 是用另一把密钥加密的，未做任何更改。请用创建这些数据的 Windows 账户启动本软件，或恢复密钥；如果使用的是密钥文件或口令，请确认是否正确。</translation>
    </message>
    <message>
      <source>The database key is missing</source>
      <translation>找不到数据库密钥</translation>
    </message>
    <message>
      <source>The key of the database {path} is not in this computer's credential store. Nothing was changed. Log in with the account that created the data, or ask your administrator to restore the key.</source>
      <translation>本机的系统凭据库中没有数据库 {path} 的密钥，未做任何更改。请用创建这些数据的账户登录，或请管理员恢复密钥。</translation>
    </message>
    <message>
      <source>Not a StationDesk database</source>
      <translation>不是本软件的数据库</translation>
    </message>
    <message>
      <source>The file {path} is not a StationDesk database, or it is damaged. It was not changed. Choose another data folder, or restore the latest backup from the backups folder.</source>
      <translation>文件 {path} 不是本软件的数据库，或已损坏，文件未被改动。请选择其他数据文件夹，或从 backups 文件夹恢复最近的备份。</translation>
    </message>
    <message>
      <source>The database is in use</source>
      <translation>数据库正在使用中</translation>
    </message>
    <message>
      <source>Another StationDesk window is using {path}. Close the other window and try again.</source>
      <translation>另一个窗口正在使用 {path}。请关闭那个窗口后重试。</translation>
    </message>
    <message>
      <source>The database is from a newer version</source>
      <translation>数据库来自更新的版本</translation>
    </message>
    <message>
      <source>The database {path} was written by a newer StationDesk. To protect it, this version will not open it. Install the newest StationDesk.</source>
      <translation>数据库 {path} 是由更新版本的软件写入的。为保护数据，本版本不会打开它。请安装最新版本。</translation>
    </message>
    <message>
      <source>The database upgrade failed</source>
      <translation>数据库升级失败</translation>
    </message>
    <message>
      <source>Upgrading {path} failed and was rolled back. A backup was taken first: {detail}. Send the log to support; your data is safe.</source>
      <translation>升级 {path} 失败，已全部撤回。升级前已备份：{detail}。请把日志发给技术支持；您的数据是安全的。</translation>
    </message>
    <message>
      <source>The data folder cannot be used</source>
      <translation>无法使用数据文件夹</translation>
    </message>
    <message>
      <source>StationDesk cannot write to the data folder {path}. Choose a folder you may write to (for example in your Documents), or ask your administrator for write permission.</source>
      <translation>无法写入数据文件夹 {path}。请选择一个有写入权限的文件夹（例如“文档”中的文件夹），或请管理员开通写入权限。</translation>
    </message>
    <message>
      <source>The database cannot be written</source>
      <translation>数据库无法写入</translation>
    </message>
    <message>
      <source>StationDesk cannot write to {path} (the file or its folder is read-only). The last change was not saved; everything saved before it is safe. Copy the data folder to a place you may write to, or ask your administrator for write permission.</source>
      <translation>无法写入 {path}（文件或文件夹是只读的）。最后一次修改没有保存，此前保存的内容都完好。请把数据文件夹复制到有写入权限的位置，或请管理员开通写入权限。</translation>
    </message>
    <message>
      <source>The disk is full</source>
      <translation>磁盘已满</translation>
    </message>
    <message>
      <source>The disk holding {path} is full. The last change was not saved; everything saved before it is safe. Free some disk space and try again.</source>
      <translation>{path} 所在的磁盘已满。最后一次修改没有保存，此前保存的内容都完好。请清理磁盘空间后重试。</translation>
    </message>
    <message>
      <source>No credential store</source>
      <translation>没有系统凭据库</translation>
    </message>
    <message>
      <source>This computer has no system credential store to keep the database key in. Start StationDesk with a key file (--key-file), or set a passphrase; see the README.</source>
      <translation>本机没有可保存数据库密钥的系统凭据库。请使用密钥文件（--key-file）启动，或设置口令；详见 README。</translation>
    </message>
    <message>
      <source>Database error</source>
      <translation>数据库错误</translation>
    </message>
  </context>
  <context>
    <name>EvidenceEditing</name>
    <message>
      <source>Whole record</source>
      <translation>整条记录</translation>
    </message>
    <message>
      <source>File missing or damaged</source>
      <translation>文件缺失或损坏</translation>
    </message>
    <message>
      <source>Sync: {state}. {explanation}</source>
      <translation>同步：{state}。{explanation}</translation>
    </message>
    <message>
      <source>The whole record</source>
      <translation>整条记录</translation>
    </message>
    <message>
      <source>{name} was not added: see the message under Evidence.</source>
      <translation>{name} 未添加：请看“证据”下的说明。</translation>
    </message>
    <message>
      <source>The clipboard holds no picture. Take a screenshot first (for example Win+Shift+S, or the Print Screen key), then press Ctrl+V here.</source>
      <translation>剪贴板里没有图片。请先截图（例如按 Win+Shift+S 或 PrintScreen 键），再在这里按 Ctrl+V。</translation>
    </message>
    <message>
      <source>screenshot-{time}.png</source>
      <translation>截图-{time}.png</translation>
    </message>
    <message>
      <source>✓ Evidence saved at {time}</source>
      <translation>✓ 证据已保存 {time}</translation>
    </message>
    <message>
      <source>Add evidence files</source>
      <translation>添加证据文件</translation>
    </message>
    <message>
      <source>Evidence (*.png *.jpg *.jpeg *.gif *.bmp *.webp *.tif *.tiff *.pdf *.mp4 *.mov *.webm *.mkv);;All files (*)</source>
      <translation>证据文件 (*.png *.jpg *.jpeg *.gif *.bmp *.webp *.tif *.tiff *.pdf *.mp4 *.mov *.webm *.mkv);;所有文件 (*)</translation>
    </message>
    <message>
      <source>Save a copy of the evidence</source>
      <translation>另存证据副本</translation>
    </message>
    <message>
      <source>The copy could not be written ({detail}). Choose another folder.</source>
      <translation>副本未能写入（{detail}）。请换一个文件夹。</translation>
    </message>
    <message>
      <source>picture-{time}.png</source>
      <translation>图片-{time}.png</translation>
    </message>
  </context>
  <context>
    <name>EvidencePanel</name>
    <message>
      <source>Evidence</source>
      <translation>证据</translation>
    </message>
    <message>
      <source>Ctrl+V pastes a screenshot: inside a checklist item it is attached to that item, elsewhere to the record. Files can also be dragged here.</source>
      <translation>按 Ctrl+V 粘贴截图：光标在某检查事项内时附到该事项，否则附到整条记录。也可以把文件拖到这里。</translation>
    </message>
    <message>
      <source>Paste screenshot</source>
      <translation>粘贴截图</translation>
    </message>
    <message>
      <source>Add files…</source>
      <translation>添加文件…</translation>
    </message>
    <message>
      <source>No evidence yet.</source>
      <translation>尚无证据。</translation>
    </message>
    <message>
      <source>Selected file</source>
      <translation>所选文件</translation>
    </message>
    <message>
      <source>Web address the evidence was taken from</source>
      <translation>取证的网址</translation>
    </message>
    <message>
      <source>What it shows</source>
      <translation>证明的内容</translation>
    </message>
    <message>
      <source>Save a copy…</source>
      <translation>另存副本…</translation>
    </message>
    <message>
      <source>Save the original file (unchanged) to a folder.</source>
      <translation>把原始文件（未经改动）保存到文件夹。</translation>
    </message>
    <message>
      <source>Remove from record</source>
      <translation>从记录中移除</translation>
    </message>
    <message>
      <source>File:</source>
      <translation>文件：</translation>
    </message>
    <message>
      <source>Proves:</source>
      <translation>证明事项：</translation>
    </message>
    <message>
      <source>Captured:</source>
      <translation>提取时间：</translation>
    </message>
    <message>
      <source>Source:</source>
      <translation>来源：</translation>
    </message>
    <message>
      <source>Device / tool:</source>
      <translation>设备、工具：</translation>
    </message>
    <message>
      <source>Method:</source>
      <translation>提取方法：</translation>
    </message>
    <message>
      <source>Description:</source>
      <translation>说明：</translation>
    </message>
    <message>
      <source>SHA-256:</source>
      <translation>SHA-256：</translation>
    </message>
    <message>
      <source>SM3:</source>
      <translation>SM3：</translation>
    </message>
  </context>
  <context>
    <name>FilePage</name>
    <message>
      <source>Choose the ledger file</source>
      <translation>选择台账文件</translation>
    </message>
    <message>
      <source>Excel workbooks (.xlsx, .xls) and CSV files saved by Excel or WPS can be imported. Nothing is changed until you confirm the preview.</source>
      <translation>可导入 Excel 工作簿（.xlsx、.xls）以及 Excel 或 WPS 保存的 CSV 文件。确认预览之前不会更改任何数据。</translation>
    </message>
    <message>
      <source>Path of the ledger file</source>
      <translation>台账文件的路径</translation>
    </message>
    <message>
      <source>Browse…</source>
      <translation>浏览……</translation>
    </message>
    <message>
      <source>Ledgers (*.xlsx *.xlsm *.xls *.csv *.txt);;All files (*)</source>
      <translation>台账文件 (*.xlsx *.xlsm *.xls *.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
      <source>Checking the file…</source>
      <translation>正在检查文件……</translation>
    </message>
    <message>
      <source>Looking at the sheets…</source>
      <translation>正在查看工作表……</translation>
    </message>
  </context>
  <context>
    <name>InspectionDashboard</name>
    <message>
      <source>Today's work</source>
      <translation>今日工作</translation>
    </message>
    <message>
      <source>Drafts to finish</source>
      <translation>待完成的草稿</translation>
    </message>
    <message>
      <source>Tasks due within a week</source>
      <translation>一周内到期的任务</translation>
    </message>
    <message>
      <source>Overdue rectifications</source>
      <translation>逾期未整改</translation>
    </message>
    <message>
      <source>Rectifications due soon</source>
      <translation>即将到期的整改</translation>
    </message>
    <message>
      <source>Finalized, not yet uploaded</source>
      <translation>已定稿未上传</translation>
    </message>
    <message>
      <source>This month</source>
      <translation>本月</translation>
    </message>
    <message>
      <source>Inspections finalized</source>
      <translation>定稿检查数</translation>
    </message>
    <message>
      <source>Problems found</source>
      <translation>发现问题数</translation>
    </message>
    <message>
      <source>Operators checked</source>
      <translation>检查的经营主体数</translation>
    </message>
  </context>
  <context>
    <name>InspectionEditor</name>
    <message>
      <source>← Back to the list</source>
      <translation>← 返回列表</translation>
    </message>
    <message>
      <source>Open the amendment</source>
      <translation>打开更正后的记录</translation>
    </message>
    <message>
      <source>Finalize…</source>
      <translation>定稿…</translation>
    </message>
    <message>
      <source>Check the record and finalize it. A finalized record can no longer be changed.</source>
      <translation>检查记录是否完整并定稿。定稿后不能再修改。</translation>
    </message>
    <message>
      <source>Amend…</source>
      <translation>更正…</translation>
    </message>
    <message>
      <source>Correct a finalized record: a new version is made with your reason; the original is kept.</source>
      <translation>更正已定稿的记录：按您填写的理由生成新版本，原记录保留。</translation>
    </message>
    <message>
      <source>Discard draft…</source>
      <translation>放弃草稿…</translation>
    </message>
    <message>
      <source>Print / PDF</source>
      <translation>打印 / PDF</translation>
    </message>
    <message>
      <source>Inspection record ({title})</source>
      <translation>检查记录（{title}）</translation>
    </message>
    <message>
      <source>Electronic evidence record ({title})</source>
      <translation>电子证据（{title}）</translation>
    </message>
    <message>
      <source>Order to correct ({title})</source>
      <translation>整改通知（{title}）</translation>
    </message>
  </context>
  <context>
    <name>InspectionTables</name>
    <message>
      <source>, </source>
      <translation>、</translation>
    </message>
    <message>
      <source>Discarded</source>
      <translation>已放弃</translation>
    </message>
    <message>
      <source>Amendment (draft)</source>
      <translation>更正稿（草稿）</translation>
    </message>
    <message>
      <source>Finalized, superseded by an amendment</source>
      <translation>已定稿，已被更正</translation>
    </message>
    <message>
      <source>Finalized amendment</source>
      <translation>已定稿的更正记录</translation>
    </message>
    <message>
      <source>State</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>Operator</source>
      <translation>经营主体</translation>
    </message>
    <message>
      <source>Identifier</source>
      <translation>证照号码</translation>
    </message>
    <message>
      <source>Shop / website</source>
      <translation>网店/网站</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>类别</translation>
    </message>
    <message>
      <source>Task</source>
      <translation>任务</translation>
    </message>
    <message>
      <source>Started</source>
      <translation>开始时间</translation>
    </message>
    <message>
      <source>Officers</source>
      <translation>检查人员</translation>
    </message>
    <message>
      <source>Results</source>
      <translation>检查结果</translation>
    </message>
    <message>
      <source>Sync</source>
      <translation>同步</translation>
    </message>
    <message>
      <source>{done} of {total}</source>
      <translation>{done} / {total}</translation>
    </message>
    <message>
      <source>Number</source>
      <translation>编号</translation>
    </message>
    <message>
      <source>Checklist</source>
      <translation>检查表</translation>
    </message>
    <message>
      <source>{title} (version {version})</source>
      <translation>{title}（第 {version} 版）</translation>
    </message>
    <message>
      <source>Due</source>
      <translation>期限</translation>
    </message>
    <message>
      <source>Finalized</source>
      <translation>已定稿</translation>
    </message>
    <message>
      <source>Not classified</source>
      <translation>未分类</translation>
    </message>
    <message>
      <source>Not started</source>
      <translation>未开始</translation>
    </message>
    <message>
      <source>No.</source>
      <translation>序号</translation>
    </message>
    <message>
      <source>Stratum</source>
      <translation>抽取层级</translation>
    </message>
    <message>
      <source>Assign officers in the record (conflict of interest)</source>
      <translation>需在检查记录中指定人员（回避）</translation>
    </message>
    <message>
      <source>Inspection</source>
      <translation>检查</translation>
    </message>
    <message>
      <source>{days} days overdue</source>
      <translation>已逾期 {days} 天</translation>
    </message>
    <message>
      <source>Due today</source>
      <translation>今天到期</translation>
    </message>
    <message>
      <source>{days} days left</source>
      <translation>还剩 {days} 天</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>Items</source>
      <translation>事项</translation>
    </message>
    <message>
      <source>Deadline</source>
      <translation>整改期限</translation>
    </message>
    <message>
      <source>Time left</source>
      <translation>剩余时间</translation>
    </message>
    <message>
      <source>Extended</source>
      <translation>延期次数</translation>
    </message>
    <message>
      <source>Requirement</source>
      <translation>整改要求</translation>
    </message>
  </context>
  <context>
    <name>Inspections</name>
    <message>
      <source>The stored candidate pool does not match its SHA-256.</source>
      <translation>保存的检查对象名录库与其 SHA-256 校验值不符。</translation>
    </message>
    <message>
      <source>The stored officer pool does not match its SHA-256.</source>
      <translation>保存的执法人员名录库与其 SHA-256 校验值不符。</translation>
    </message>
    <message>
      <source>The stored conflicts of interest do not match their SHA-256.</source>
      <translation>保存的回避关系与其 SHA-256 校验值不符。</translation>
    </message>
    <message>
      <source>The stored result does not match its SHA-256.</source>
      <translation>保存的抽取结果与其 SHA-256 校验值不符。</translation>
    </message>
    <message>
      <source>Recomputing the draw from its seed and pools gives a different result than the one stored.</source>
      <translation>按保存的种子和名录库重新计算，结果与保存的抽取结果不同。</translation>
    </message>
    <message>
      <source>The task's list of drawn operators and officers differs from the stored result.</source>
      <translation>任务中的抽中对象及检查人员与保存的抽取结果不一致。</translation>
    </message>
    <message>
      <source>The draw was made with an algorithm this version does not know.</source>
      <translation>本次抽取使用的算法本版本无法识别。</translation>
    </message>
    <message>
      <source>The task has not been drawn yet.</source>
      <translation>该任务尚未抽取。</translation>
    </message>
    <message>
      <source>Conforms / does not conform / not applicable</source>
      <translation>符合 / 不符合 / 不适用</translation>
    </message>
    <message>
      <source>Text</source>
      <translation>文字</translation>
    </message>
    <message>
      <source>Number</source>
      <translation>数字</translation>
    </message>
    <message>
      <source>Date</source>
      <translation>日期</translation>
    </message>
    <message>
      <source>Random inspection</source>
      <translation>双随机抽查</translation>
    </message>
    <message>
      <source>Targeted inspection</source>
      <translation>重点检查</translation>
    </message>
    <message>
      <source>Complaint-driven inspection</source>
      <translation>投诉举报核查</translation>
    </message>
    <message>
      <source>Campaign inspection</source>
      <translation>专项检查</translation>
    </message>
    <message>
      <source>Re-inspection</source>
      <translation>复查</translation>
    </message>
    <message>
      <source>Draft</source>
      <translation>草稿</translation>
    </message>
    <message>
      <source>Finalized</source>
      <translation>已定稿</translation>
    </message>
    <message>
      <source>Not drawn yet</source>
      <translation>待抽取</translation>
    </message>
    <message>
      <source>Drawn</source>
      <translation>已抽取</translation>
    </message>
    <message>
      <source>Closed</source>
      <translation>已结束</translation>
    </message>
    <message>
      <source>Being rectified</source>
      <translation>整改中</translation>
    </message>
    <message>
      <source>Due soon</source>
      <translation>即将到期</translation>
    </message>
    <message>
      <source>Overdue</source>
      <translation>已逾期</translation>
    </message>
    <message>
      <source>Rectified</source>
      <translation>已办结</translation>
    </message>
  </context>
  <context>
    <name>InspectionsView</name>
    <message>
      <source>{name} ({cert})</source>
      <translation>{name}（{cert}）</translation>
    </message>
    <message>
      <source>{name} (no certificate number)</source>
      <translation>{name}（无执法证号）</translation>
    </message>
    <message>
      <source>Inspection records</source>
      <translation>检查记录</translation>
    </message>
    <message>
      <source>Random inspection tasks</source>
      <translation>双随机抽查任务</translation>
    </message>
    <message>
      <source>Conflicts of interest</source>
      <translation>回避关系</translation>
    </message>
    <message>
      <source>Export ledger…</source>
      <translation>导出台账…</translation>
    </message>
    <message>
      <source>Export inspection records, published results, the draw record or the monthly report to Excel</source>
      <translation>将检查记录、抽查结果公示、双随机抽取记录或月度统计报表导出为 Excel</translation>
    </message>
  </context>
  <context>
    <name>ItemRow</name>
    <message>
      <source>{law} {article}</source>
      <translation>《{law}》{article}</translation>
    </message>
    <message>
      <source>Evidence required when the answer is {value}.</source>
      <translation>答“{value}”时须附证据。</translation>
    </message>
    <message>
      <source>A number, for example 3</source>
      <translation>数字，例如 3</translation>
    </message>
    <message>
      <source>Answer</source>
      <translation>检查情况</translation>
    </message>
    <message>
      <source>Note: what was seen, where</source>
      <translation>说明：看到了什么、在哪里</translation>
    </message>
    <message>
      <source>Paste screenshot</source>
      <translation>粘贴截图</translation>
    </message>
    <message>
      <source>Attach the picture on the clipboard to this item (or press Ctrl+V inside this item).</source>
      <translation>把剪贴板中的图片附到本事项（也可在本事项内按 Ctrl+V）。</translation>
    </message>
    <message>
      <source>Add file…</source>
      <translation>添加文件…</translation>
    </message>
    <message>
      <source>Attach screenshots, PDF files or recordings to this item.</source>
      <translation>把截图、PDF 文件或录屏附到本事项。</translation>
    </message>
    <message>
      <source>Found {value} at the inspection being re-checked: check it again.</source>
      <translation>被复查的检查中此项为“{value}”，请重新检查。</translation>
    </message>
    <message>
      <source>Then: {note}</source>
      <translation>当时情况：{note}</translation>
    </message>
    <message>
      <source>{count} evidence file(s)</source>
      <translation>证据 {count} 个</translation>
    </message>
    <message>
      <source>No evidence yet</source>
      <translation>尚未附证据</translation>
    </message>
  </context>
  <context>
    <name>Ledger</name>
    <message>
      <source>The ledger cannot be imported</source>
      <translation>台账无法导入</translation>
    </message>
    <message>
      <source>Cannot open the file</source>
      <translation>无法打开文件</translation>
    </message>
    <message>
      <source>The file {file} cannot be opened ({detail}). Check that it exists and is not open in another program, then try again. Nothing was changed.</source>
      <translation>无法打开文件 {file}（{detail}）。请确认文件存在且未被其他程序占用，然后重试。未作任何更改。</translation>
    </message>
    <message>
      <source>The file is empty</source>
      <translation>文件是空的</translation>
    </message>
    <message>
      <source>The file {file} is empty (0 bytes). Choose the ledger file itself. Nothing was changed.</source>
      <translation>文件 {file} 是空的（0 字节）。请选择台账文件本身。未作任何更改。</translation>
    </message>
    <message>
      <source>Not a spreadsheet</source>
      <translation>不是表格文件</translation>
    </message>
    <message>
      <source>The file {file} is not an Excel or CSV ledger: {kind}. Open it in the program it belongs to; if it holds a table, copy the table into Excel or WPS, save it as .xlsx and import that file. Nothing was changed.</source>
      <translation>文件 {file} 不是 Excel 或 CSV 台账：{kind}。请用对应的程序打开它；如果其中有表格，请把表格复制到 Excel 或 WPS，另存为 .xlsx 后再导入。未作任何更改。</translation>
    </message>
    <message>
      <source>it is a Word document</source>
      <translation>这是一个 Word 文档</translation>
    </message>
    <message>
      <source>it is a PowerPoint presentation</source>
      <translation>这是一个 PowerPoint 演示文稿</translation>
    </message>
    <message>
      <source>it is a PDF document</source>
      <translation>这是一个 PDF 文档</translation>
    </message>
    <message>
      <source>it is a picture</source>
      <translation>这是一张图片</translation>
    </message>
    <message>
      <source>it is a compressed archive (zip, rar, 7z) — unpack it first</source>
      <translation>这是一个压缩包（zip、rar、7z），请先解压</translation>
    </message>
    <message>
      <source>it is a web page saved with a spreadsheet name</source>
      <translation>这是一个以表格文件名保存的网页</translation>
    </message>
    <message>
      <source>it is an OpenDocument spreadsheet (.ods) — save it as .xlsx in WPS or Excel</source>
      <translation>这是 OpenDocument 表格（.ods），请在 WPS 或 Excel 中另存为 .xlsx</translation>
    </message>
    <message>
      <source>it is an Excel 2003 XML spreadsheet — save it as .xlsx in Excel</source>
      <translation>这是 Excel 2003 XML 表格，请在 Excel 中另存为 .xlsx</translation>
    </message>
    <message>
      <source>its content is not a table StationDesk can read</source>
      <translation>其内容不是基层监管工作台能读取的表格</translation>
    </message>
    <message>
      <source>The workbook is password-protected</source>
      <translation>工作簿设有密码</translation>
    </message>
    <message>
      <source>The file {file} is protected with a password, so its contents cannot be read. Open it in Excel or WPS, remove the password (File → Info → Protect Workbook → Encrypt with Password, clear it), save it and import it again. Nothing was changed.</source>
      <translation>文件 {file} 设有打开密码，无法读取其内容。请在 Excel 或 WPS 中打开，取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码），保存后重新导入。未作任何更改。</translation>
    </message>
    <message>
      <source>The workbook is damaged</source>
      <translation>工作簿已损坏</translation>
    </message>
    <message>
      <source>The file {file} looks like a spreadsheet but cannot be read ({detail}). Open it in Excel or WPS, save it again as .xlsx, and import the saved copy. Nothing was changed.</source>
      <translation>文件 {file} 看起来是表格文件，但无法读取（{detail}）。请在 Excel 或 WPS 中打开并重新另存为 .xlsx，再导入保存后的文件。未作任何更改。</translation>
    </message>
    <message>
      <source>The workbook is suspiciously large</source>
      <translation>工作簿解压后异常庞大</translation>
    </message>
    <message>
      <source>The file {file} unpacks to {size} MB ({part}), far more than any ledger needs, so it was not read: it may be damaged or built to exhaust the computer's memory. Nothing was changed. If the ledger is genuine, split it into several smaller files.</source>
      <translation>文件 {file} 解压后达 {size} MB（{part}），远超任何台账的正常大小，因此未读取：文件可能已损坏，或被故意制作来耗尽电脑内存。未作任何更改。如确为正常台账，请拆分为几个较小的文件。</translation>
    </message>
    <message>
      <source>The file is too large</source>
      <translation>文件过大</translation>
    </message>
    <message>
      <source>The file {file} is {size} MB; at most {limit} MB can be imported at once. Split the ledger into several files. Nothing was changed.</source>
      <translation>文件 {file} 大小为 {size} MB；一次最多可导入 {limit} MB。请把台账拆分为几个文件。未作任何更改。</translation>
    </message>
    <message>
      <source>The sheet is too large</source>
      <translation>工作表过大</translation>
    </message>
    <message>
      <source>Sheet {sheet} of {file} reaches row {rows} and column {column}; at most {limit} rows and {cells} cells can be imported at once. Delete empty rows and columns below and to the right of the table, or split the ledger into several files (for example by township). Nothing was changed.</source>
      <translation>{file} 的工作表 {sheet} 延伸到第 {rows} 行、第 {column} 列；一次最多可导入 {limit} 行、{cells} 个单元格。请删除表格下方和右侧的空行空列，或把台账拆分为几个文件（例如按乡镇）。未作任何更改。</translation>
    </message>
    <message>
      <source>No sheet to import</source>
      <translation>没有可导入的工作表</translation>
    </message>
    <message>
      <source>The file {file} has no visible sheet with data (hidden sheets are not imported). Nothing was changed.</source>
      <translation>文件 {file} 中没有含数据的可见工作表（隐藏的工作表不导入）。未作任何更改。</translation>
    </message>
    <message>
      <source>Sheet not found</source>
      <translation>找不到工作表</translation>
    </message>
    <message>
      <source>The file {file} has no sheet named {sheet}. Its sheets are: {sheets}. Nothing was changed.</source>
      <translation>文件 {file} 中没有名为 {sheet} 的工作表。其中的工作表有：{sheets}。未作任何更改。</translation>
    </message>
    <message>
      <source>Choose a sheet</source>
      <translation>请选择工作表</translation>
    </message>
    <message>
      <source>The file {file} has several sheets that look like ledgers: {sheets}. Say which one to import (on the command line with --sheet NAME). Nothing was changed.</source>
      <translation>文件 {file} 中有多个像台账的工作表：{sheets}。请指定要导入哪一个（命令行中用 --sheet 工作表名）。未作任何更改。</translation>
    </message>
    <message>
      <source>No header row found</source>
      <translation>找不到表头</translation>
    </message>
    <message>
      <source>No header row was recognised in sheet {sheet} of {file}: none of its first {rows} rows names at least two known columns such as 主体名称 and 统一社会信用代码. The first row with text (row {row}) reads: {sample}. Add a header row with the column names, or assign the columns by hand in the import wizard. Nothing was changed.</source>
      <translation>在 {file} 的工作表 {sheet} 中找不到表头：前 {rows} 行中没有一行包含至少两个可识别的列名（如 主体名称、统一社会信用代码）。第一个有文字的行（第 {row} 行）内容为：{sample}。请加上写有列名的表头行，或在导入向导中手动指定各列。未作任何更改。</translation>
    </message>
    <message>
      <source>The sheet is empty</source>
      <translation>工作表是空的</translation>
    </message>
    <message>
      <source>Sheet {sheet} of {file} holds no data. Nothing was changed.</source>
      <translation>{file} 的工作表 {sheet} 中没有数据。未作任何更改。</translation>
    </message>
    <message>
      <source>The name column is missing</source>
      <translation>缺少名称列</translation>
    </message>
    <message>
      <source>In sheet {sheet} of {file}, no column is assigned to the operator's name (主体名称). Assign one in the import wizard, or rename the column header. Nothing was changed.</source>
      <translation>{file} 的工作表 {sheet} 中没有任何一列对应经营主体名称（主体名称）。请在导入向导中指定，或修改该列的表头。未作任何更改。</translation>
    </message>
    <message>
      <source>A field is assigned twice</source>
      <translation>同一字段对应了多列</translation>
    </message>
    <message>
      <source>Columns {columns} of sheet {sheet} are all assigned to the same field ({field}). Assign each field to one column only. Nothing was changed.</source>
      <translation>工作表 {sheet} 的第 {columns} 列都对应同一字段（{field}）。每个字段只能对应一列。未作任何更改。</translation>
    </message>
    <message>
      <source>Unknown text encoding</source>
      <translation>无法识别的文字编码</translation>
    </message>
    <message>
      <source>The file {file} is neither UTF-8 nor GBK/GB18030 text (the problem is near byte {offset}). Open it in Excel or WPS and save it as .xlsx or as “CSV UTF-8”. Nothing was changed.</source>
      <translation>文件 {file} 既不是 UTF-8 也不是 GBK/GB18030 编码的文本（问题出现在第 {offset} 字节附近）。请在 Excel 或 WPS 中打开，另存为 .xlsx 或“CSV UTF-8”。未作任何更改。</translation>
    </message>
    <message>
      <source>No station yet</source>
      <translation>尚未建立本所</translation>
    </message>
    <message>
      <source>The database holds no station yet. Start StationDesk once and create the station (or the demo station) before importing. Nothing was changed.</source>
      <translation>数据库中尚未建立本所。请先启动一次基层监管工作台并建立本所（或演示所），再进行导入。未作任何更改。</translation>
    </message>
    <message>
      <source>The register changed</source>
      <translation>台账已发生变化</translation>
    </message>
    <message>
      <source>The register was changed after the preview of {file} was made (perhaps in another window). Nothing was imported. Make the preview again and confirm it.</source>
      <translation>生成 {file} 的预览之后，台账又发生了变化（可能是在另一个窗口中修改的）。未导入任何内容。请重新生成预览并确认。</translation>
    </message>
    <message>
      <source>Nothing to undo</source>
      <translation>没有可撤销的导入</translation>
    </message>
    <message>
      <source>There is no import that can still be undone. Nothing was changed.</source>
      <translation>没有仍可撤销的导入。未作任何更改。</translation>
    </message>
    <message>
      <source>The import cannot be undone</source>
      <translation>无法撤销该次导入</translation>
    </message>
    <message>
      <source>{count} records imported from {file} were changed after the import (edited, deleted or synchronised). Undoing it would overwrite those changes, so nothing was changed.</source>
      <translation>从 {file} 导入的记录中有 {count} 条在导入后又被修改（编辑、删除或同步）。撤销会覆盖这些修改，因此未作任何更改。</translation>
    </message>
    <message>
      <source>Cannot write the file</source>
      <translation>无法写入文件</translation>
    </message>
    <message>
      <source>The file {file} cannot be written ({detail}). If it is open in Excel or WPS, close it, or choose another folder. Nothing was changed.</source>
      <translation>无法写入文件 {file}（{detail}）。如果它正在 Excel 或 WPS 中打开，请先关闭，或另选一个文件夹。未作任何更改。</translation>
    </message>
    <message>
      <source>Imported from {file}, sheet {sheet}, row {rows}</source>
      <translation>导入自 {file}，工作表 {sheet}，第 {rows} 行</translation>
    </message>
    <message>
      <source>Imported from {file}, sheet {sheet}, row {rows}: the code is kept as the ledger prints it although its check character does not match</source>
      <translation>导入自 {file}，工作表 {sheet}，第 {rows} 行：校验码不符，但按台账所载原样保存</translation>
    </message>
    <message>
      <source>Import of {file} (sheet {sheet}): {new} new, {changed} changed, {unchanged} unchanged</source>
      <translation>导入 {file}（工作表 {sheet}）：新增 {new} 户，变更 {changed} 户，无变化 {unchanged} 户</translation>
    </message>
    <message>
      <source>Import of {file} undone</source>
      <translation>撤销导入 {file}</translation>
    </message>
    <message>
      <source>Problems in {file}, sheet {sheet}: {count} rows</source>
      <translation>{file} 工作表 {sheet} 的问题行：共 {count} 行</translation>
    </message>
    <message>
      <source>Problems</source>
      <translation>问题</translation>
    </message>
    <message>
      <source>Row in the ledger</source>
      <translation>台账行号</translation>
    </message>
    <message>
      <source>Result</source>
      <translation>处理结果</translation>
    </message>
    <message>
      <source>not imported (error)</source>
      <translation>未导入（错误）</translation>
    </message>
    <message>
      <source>not imported (conflict)</source>
      <translation>未导入（冲突）</translation>
    </message>
    <message>
      <source>imported with a warning</source>
      <translation>已导入（有警告）</translation>
    </message>
    <message>
      <source>unchanged, with a warning</source>
      <translation>无变化（有警告）</translation>
    </message>
    <message>
      <source>{station} register of operators (exported {date})</source>
      <translation>{station}经营主体台账（{date}导出）</translation>
    </message>
    <message>
      <source>{station} register of operators (exported {date}; ID and phone numbers masked)</source>
      <translation>{station}经营主体台账（{date}导出，身份证号和电话已脱敏）</translation>
    </message>
    <message>
      <source>Register</source>
      <translation>经营主体台账</translation>
    </message>
    <message>
      <source>Import template of the register of operators</source>
      <translation>经营主体台账导入模板</translation>
    </message>
    <message>
      <source>How to fill in</source>
      <translation>填表说明</translation>
    </message>
    <message>
      <source>One row per online carrier (shop, website, account); repeat the operator's columns.</source>
      <translation>每个网络经营载体（网店、网站、账号）填一行；同一经营主体的各列重复填写。</translation>
    </message>
    <message>
      <source>An operator without carriers takes one row with the carrier columns left empty.</source>
      <translation>没有载体的经营主体填一行，载体各列留空。</translation>
    </message>
    <message>
      <source>Enterprises, individual businesses and cooperatives need their unified social credit code (or registration number); natural persons their ID number or at least a phone number.</source>
      <translation>企业、个体工商户和农民专业合作社须填写统一社会信用代码（或注册号）；自然人须填写身份证号，至少要填联系电话。</translation>
    </message>
    <message>
      <source>Format code and phone columns as text, or Excel may damage long numbers.</source>
      <translation>请把代码列和电话列设置为文本格式，否则 Excel 可能损坏较长的数字。</translation>
    </message>
    <message>
      <source>Write dates like 2024-05-01; choose the other values from the dropdown lists.</source>
      <translation>日期请写成 2024-05-01 的格式；其他取值请从下拉列表中选择。</translation>
    </message>
    <message>
      <source>Empty cells never erase what the register already holds.</source>
      <translation>空白单元格不会清除台账中已有的信息。</translation>
    </message>
    <message>
      <source>Exported the register with personal data (ID and phone numbers) to {file}</source>
      <translation>导出含个人信息（身份证号和电话号码）的经营主体台账到 {file}</translation>
    </message>
    <message>
      <source>The folder {folder} does not exist (it may be on a USB drive or network share that is not connected). Choose another folder. Nothing was written.</source>
      <translation>文件夹 {folder} 不存在（可能位于未连接的U盘或网络共享上）。请选择其他文件夹。未写入任何文件。</translation>
    </message>
    <message>
      <source>You may not write to the folder {folder}. Choose another folder, for example Documents or the Desktop. Nothing was written.</source>
      <translation>没有写入文件夹 {folder} 的权限。请选择其他文件夹，例如“文档”或“桌面”。未写入任何文件。</translation>
    </message>
    <message>
      <source>The file {file} cannot be replaced: it is open in another program (Excel or WPS) or it is read-only. Close it there and export again, or choose another file name. The existing file was not changed.</source>
      <translation>无法替换文件 {file}：它正在其他程序（Excel 或 WPS）中打开，或者是只读文件。请在该程序中关闭它后重新导出，或换一个文件名。原有文件未被改动。</translation>
    </message>
    <message>
      <source>{file} is a folder, not a file. Choose a file name ending in .xlsx. Nothing was written.</source>
      <translation>{file} 是文件夹，不是文件。请填写以 .xlsx 结尾的文件名。未写入任何文件。</translation>
    </message>
    <message>
      <source>There is not enough free space on the disk to write {file}. Free some space, or choose another drive (for example a USB drive), and export again. Nothing was written.</source>
      <translation>磁盘剩余空间不足，无法写入 {file}。请清理磁盘空间，或选择其他磁盘（例如U盘）后重新导出。未写入任何文件。</translation>
    </message>
    <message>
      <source>Exported {ledger} with personal data (ID numbers) to {file}</source>
      <translation>导出{ledger}（含个人信息：身份证号码）至 {file}</translation>
    </message>
    <message>
      <source>Not a month</source>
      <translation>月份无效</translation>
    </message>
    <message>
      <source>{month} is not a month: write it like 2024-05 (year, dash, month 01 to 12). Nothing was written.</source>
      <translation>{month} 不是有效的月份：请写成 2024-05 这样的格式（年份、短横线、01 至 12 的月份）。未写入任何文件。</translation>
    </message>
    <message>
      <source>No draw yet</source>
      <translation>尚无抽取记录</translation>
    </message>
    <message>
      <source>No inspection task has been drawn yet, so there is no draw record to export. Draw a random inspection task first (Inspections → Random inspection tasks). Nothing was written.</source>
      <translation>尚未对任何检查任务进行抽取，没有可导出的抽取记录。请先抽取双随机抽查任务（检查 → 双随机抽查任务）。未写入任何文件。</translation>
    </message>
    <message>
      <source>No such task</source>
      <translation>没有该任务</translation>
    </message>
    <message>
      <source>There is no inspection task numbered {task}. Tasks with a draw: {tasks}. Nothing was written.</source>
      <translation>没有编号为 {task} 的检查任务。已抽取的任务：{tasks}。未写入任何文件。</translation>
    </message>
    <message>
      <source>The task has not been drawn</source>
      <translation>该任务尚未抽取</translation>
    </message>
    <message>
      <source>The inspection task {task} has not been drawn yet, so it has no draw record. Tasks with a draw: {tasks}. Nothing was written.</source>
      <translation>检查任务 {task} 尚未抽取，没有抽取记录。已抽取的任务：{tasks}。未写入任何文件。</translation>
    </message>
  </context>
  <context>
    <name>LedgerExport</name>
    <message>
      <source>Register of operators with carriers</source>
      <translation>经营主体台账（含载体）</translation>
    </message>
    <message>
      <source>Inspection records</source>
      <translation>检查记录</translation>
    </message>
    <message>
      <source>Inspection results for publication</source>
      <translation>抽查结果公示</translation>
    </message>
    <message>
      <source>Rectification ledger</source>
      <translation>整改台账</translation>
    </message>
    <message>
      <source>Random draw record</source>
      <translation>双随机抽取记录</translation>
    </message>
    <message>
      <source>Monthly statistics report</source>
      <translation>月度统计报表</translation>
    </message>
    <message>
      <source>Every operator with its online carriers, one row per carrier; the file can be imported again.</source>
      <translation>全部经营主体及其网络载体，每个载体一行；导出的文件可以再次导入。</translation>
    </message>
    <message>
      <source>Every inspection record with its officers, their enforcement certificate numbers and results.</source>
      <translation>全部检查记录，含检查人员、执法证号和检查结果。</translation>
    </message>
    <message>
      <source>The results of random inspection tasks, ready for publication (finalized records only).</source>
      <translation>双随机抽查任务的检查结果，可直接用于公示（仅含已定稿记录）。</translation>
    </message>
    <message>
      <source>Every order to rectify with its failed items, deadline, extensions and state.</source>
      <translation>全部责令整改，含不符合项目、整改期限、延期次数和整改状态。</translation>
    </message>
    <message>
      <source>The random draw: seed, time, the pools and their hashes, the drawn operators and their two officers.</source>
      <translation>双随机抽取过程：随机种子、抽取时间、检查对象库和执法人员库及其哈希值、抽中的检查对象及其两名检查人员。</translation>
    </message>
    <message>
      <source>Inspections by carrier kind, operators inspected, officers deployed, problems found, cases transferred and rectifications of one month.</source>
      <translation>一个月内按载体类型统计的检查户次，以及检查经营主体数、出动执法人员数、发现问题户次、移送案件线索数和整改情况。</translation>
    </message>
    <message>
      <source>register of operators</source>
      <translation>经营主体台账</translation>
    </message>
    <message>
      <source>inspection records</source>
      <translation>检查记录台账</translation>
    </message>
    <message>
      <source>inspection results</source>
      <translation>抽查结果公示</translation>
    </message>
    <message>
      <source>rectification ledger</source>
      <translation>整改台账</translation>
    </message>
    <message>
      <source>random draw record</source>
      <translation>双随机抽取记录</translation>
    </message>
    <message>
      <source>monthly statistics report</source>
      <translation>月度统计报表</translation>
    </message>
    <message>
      <source>Without this, resident ID numbers are masked (110105********002X). With it, the export is recorded in the audit log under your name; keep the file safe.</source>
      <translation>不勾选时，身份证号码将脱敏（110105********002X）。勾选后，本次导出将以您的名义记入审计日志；请妥善保管文件。</translation>
    </message>
    <message>
      <source>Without this, ID numbers and phone numbers are masked (110105********002X, 138****8000). With it, the export is recorded in the audit log under your name; keep the file safe.</source>
      <translation>不勾选时，身份证号码和电话号码将脱敏（110105********002X、138****8000）。勾选后，本次导出将以您的名义记入审计日志；请妥善保管文件。</translation>
    </message>
    <message>
      <source>This ledger holds no personal data.</source>
      <translation>此台账不含个人信息。</translation>
    </message>
    <message>
      <source>import template</source>
      <translation>导入模板</translation>
    </message>
    <message>
      <source>Save the import template</source>
      <translation>保存导入模板</translation>
    </message>
    <message>
      <source>Excel workbook (*.xlsx)</source>
      <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
      <source>Template saved</source>
      <translation>模板已保存</translation>
    </message>
    <message>
      <source>The import template was saved to {path}. Fill in one row per carrier, then import it with “Import”.</source>
      <translation>导入模板已保存到 {path}。每个载体填一行，填好后用“导入”导入。</translation>
    </message>
  </context>
  <context>
    <name>LedgerExportDialog</name>
    <message>
      <source>Export a ledger</source>
      <translation>导出台账</translation>
    </message>
    <message>
      <source>Browse…</source>
      <translation>浏览……</translation>
    </message>
    <message>
      <source>Only the month</source>
      <translation>仅导出该月</translation>
    </message>
    <message>
      <source>All drawn tasks</source>
      <translation>全部已抽取任务</translation>
    </message>
    <message>
      <source>No inspection task has been drawn yet, so there is no draw record to export. Draw a random inspection task first (Inspections → Random inspection tasks).</source>
      <translation>尚未对任何检查任务进行抽取，没有可导出的抽取记录。请先抽取双随机抽查任务（检查 → 双随机抽查任务）。</translation>
    </message>
    <message>
      <source>Include personal data in full (not masked)</source>
      <translation>导出完整个人信息（不脱敏）</translation>
    </message>
    <message>
      <source>Ledger:</source>
      <translation>台账：</translation>
    </message>
    <message>
      <source>Month:</source>
      <translation>月份：</translation>
    </message>
    <message>
      <source>Task:</source>
      <translation>任务：</translation>
    </message>
    <message>
      <source>Save as:</source>
      <translation>保存为：</translation>
    </message>
    <message>
      <source>Export</source>
      <translation>导出</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Excel workbook (*.xlsx)</source>
      <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
      <source>Replace the file?</source>
      <translation>替换文件？</translation>
    </message>
    <message>
      <source>{file} already exists in {folder}. Replace it? If the export is cancelled or fails, the existing file stays as it is.</source>
      <translation>{folder} 中已有文件 {file}。要替换它吗？如果导出被取消或失败，原有文件将保持不变。</translation>
    </message>
    <message>
      <source>Exporting {ledger}…</source>
      <translation>正在导出{ledger}…</translation>
    </message>
    <message>
      <source>The export was cancelled. No file was written, and an existing file of that name was not changed.</source>
      <translation>导出已取消。未写入任何文件，同名的原有文件也未被改动。</translation>
    </message>
    <message>
      <source>Export finished</source>
      <translation>导出完成</translation>
    </message>
  </context>
  <context>
    <name>LedgerField</name>
    <message>
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <source>Subject type</source>
      <translation>主体类型</translation>
    </message>
    <message>
      <source>Identifier type</source>
      <translation>证照类型</translation>
    </message>
    <message>
      <source>Identifier (any kind)</source>
      <translation>证照号码（任意类型）</translation>
    </message>
    <message>
      <source>Unified social credit code</source>
      <translation>统一社会信用代码</translation>
    </message>
    <message>
      <source>Registration number</source>
      <translation>注册号</translation>
    </message>
    <message>
      <source>Organisation code</source>
      <translation>组织机构代码</translation>
    </message>
    <message>
      <source>Resident ID number</source>
      <translation>身份证号</translation>
    </message>
    <message>
      <source>Legal representative / operator</source>
      <translation>法定代表人（负责人）</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>联系电话</translation>
    </message>
    <message>
      <source>Registered address</source>
      <translation>注册地址</translation>
    </message>
    <message>
      <source>Business address</source>
      <translation>经营地址</translation>
    </message>
    <message>
      <source>Business scope</source>
      <translation>经营范围</translation>
    </message>
    <message>
      <source>Founding date</source>
      <translation>成立日期</translation>
    </message>
    <message>
      <source>Registration status</source>
      <translation>登记状态</translation>
    </message>
    <message>
      <source>Registering authority</source>
      <translation>登记机关</translation>
    </message>
    <message>
      <source>Credit risk class</source>
      <translation>信用风险分类</translation>
    </message>
    <message>
      <source>Abnormal-operation list</source>
      <translation>经营异常名录</translation>
    </message>
    <message>
      <source>Reason for the abnormal-operation listing</source>
      <translation>列入经营异常名录原因</translation>
    </message>
    <message>
      <source>Date of the abnormal-operation listing</source>
      <translation>列入经营异常名录日期</translation>
    </message>
    <message>
      <source>Serious-violation list</source>
      <translation>严重违法失信名单</translation>
    </message>
    <message>
      <source>Reason for the serious-violation listing</source>
      <translation>列入严重违法失信名单原因</translation>
    </message>
    <message>
      <source>Date of the serious-violation listing</source>
      <translation>列入严重违法失信名单日期</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>备注</translation>
    </message>
    <message>
      <source>Carrier kind</source>
      <translation>载体类型</translation>
    </message>
    <message>
      <source>Platform</source>
      <translation>平台</translation>
    </message>
    <message>
      <source>Shop name</source>
      <translation>店铺名称</translation>
    </message>
    <message>
      <source>Shop ID</source>
      <translation>店铺ID</translation>
    </message>
    <message>
      <source>Web address</source>
      <translation>网址</translation>
    </message>
    <message>
      <source>ICP filing number</source>
      <translation>ICP备案号</translation>
    </message>
    <message>
      <source>Licence display</source>
      <translation>亮照情况</translation>
    </message>
    <message>
      <source>First seen</source>
      <translation>首次发现日期</translation>
    </message>
    <message>
      <source>Last verified</source>
      <translation>最近核查日期</translation>
    </message>
    <message>
      <source>Carrier status</source>
      <translation>载体状态</translation>
    </message>
    <message>
      <source>WeChat official account</source>
      <translation>微信公众号</translation>
    </message>
    <message>
      <source>App names</source>
      <translation>APP名称</translation>
    </message>
    <message>
      <source>(do not import)</source>
      <translation>（不导入）</translation>
    </message>
  </context>
  <context>
    <name>LedgerImport</name>
    <message>
      <source>New</source>
      <translation>新增</translation>
    </message>
    <message>
      <source>Changed</source>
      <translation>变更</translation>
    </message>
    <message>
      <source>Unchanged</source>
      <translation>无变化</translation>
    </message>
    <message>
      <source>Conflict</source>
      <translation>冲突</translation>
    </message>
    <message>
      <source>Rejected</source>
      <translation>拒绝</translation>
    </message>
    <message>
      <source>{field}: {before} → {after}</source>
      <translation>{field}：{before} → {after}</translation>
    </message>
    <message>
      <source>(empty)</source>
      <translation>（空）</translation>
    </message>
    <message>
      <source>new carriers: {names}</source>
      <translation>新增载体：{names}</translation>
    </message>
    <message>
      <source>Rows</source>
      <translation>行号</translation>
    </message>
    <message>
      <source>Result</source>
      <translation>结果</translation>
    </message>
    <message>
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <source>Identifier</source>
      <translation>证照号码</translation>
    </message>
    <message>
      <source>Details</source>
      <translation>详情</translation>
    </message>
    <message>
      <source> (warning)</source>
      <translation>（有警告）</translation>
    </message>
    <message>
      <source>All</source>
      <translation>全部</translation>
    </message>
    <message>
      <source>Conflicts</source>
      <translation>冲突</translation>
    </message>
    <message>
      <source>With warnings</source>
      <translation>有警告</translation>
    </message>
  </context>
  <context>
    <name>LedgerImportWizard</name>
    <message>
      <source>Import a ledger</source>
      <translation>导入台账</translation>
    </message>
    <message>
      <source>Reading sheet {sheet}…</source>
      <translation>正在读取工作表 {sheet}……</translation>
    </message>
    <message>
      <source>Comparing the ledger with the register…</source>
      <translation>正在将台账与现有数据比对……</translation>
    </message>
    <message>
      <source>-problems</source>
      <translation>-问题行</translation>
    </message>
    <message>
      <source>Save error report</source>
      <translation>保存问题报告</translation>
    </message>
    <message>
      <source>Excel workbook (*.xlsx)</source>
      <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
      <source>Error report saved</source>
      <translation>问题报告已保存</translation>
    </message>
    <message>
      <source>{count} rows with problems were written to {path}.</source>
      <translation>已将 {count} 个问题行写入 {path}。</translation>
    </message>
    <message>
      <source>Undoing the import…</source>
      <translation>正在撤销导入……</translation>
    </message>
    <message>
      <source>The import of {file} was undone: the register is as it was before.</source>
      <translation>已撤销 {file} 的导入：台账已恢复到导入前的状态。</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <source>Current officer:</source>
      <translation>当前执法人员：</translation>
    </message>
    <message>
      <source>Operators in the register:</source>
      <translation>台账经营主体数：</translation>
    </message>
    <message>
      <source>Listed as abnormal:</source>
      <translation>列入经营异常名录：</translation>
    </message>
    <message>
      <source>Open the operator register on the left to search, add or edit operators, Inspections to start or continue an inspection record and to draw random inspection tasks, Rectification to follow orders to rectify, and Synchronisation to exchange data with the provincial platform.</source>
      <translation>点击左侧“经营主体台账”查询、新增或修改经营主体；“检查”用于开始或继续检查记录、抽取双随机任务；“整改”用于跟踪责令整改；“同步”用于与省级平台交换数据。</translation>
    </message>
    <message>
      <source>StationDesk</source>
      <translation>基层监管工作台</translation>
    </message>
    <message>
      <source>This section is not available yet. It will come with a later version of StationDesk.</source>
      <translation>此功能尚未开放，将在后续版本中提供。</translation>
    </message>
    <message>
      <source>Dashboard</source>
      <translation>工作台</translation>
    </message>
    <message>
      <source>Operator register</source>
      <translation>经营主体台账</translation>
    </message>
    <message>
      <source>Inspections</source>
      <translation>检查</translation>
    </message>
    <message>
      <source>Rectification</source>
      <translation>整改</translation>
    </message>
    <message>
      <source>Synchronisation</source>
      <translation>同步</translation>
    </message>
    <message>
      <source>Settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <source>Data folder: {path}
The database is encrypted; its key is kept as chosen at first start.</source>
      <translation>数据文件夹：{path}
数据库已加密，密钥按首次启动时的选择保存。</translation>
    </message>
    <message>
      <source>Current officer: {name}</source>
      <translation>当前执法人员：{name}</translation>
    </message>
    <message>
      <source>Building the search index: {count} records left (they are found meanwhile)</source>
      <translation>正在建立搜索索引：还剩 {count} 条（这期间也能搜到）</translation>
    </message>
    <message>
      <source>Search index up to date</source>
      <translation>搜索索引已是最新</translation>
    </message>
  </context>
  <context>
    <name>MappingPage</name>
    <message>
      <source>Check the columns</source>
      <translation>核对各列</translation>
    </message>
    <message>
      <source>Column</source>
      <translation>列</translation>
    </message>
    <message>
      <source>Header in the ledger</source>
      <translation>台账中的表头</translation>
    </message>
    <message>
      <source>First values</source>
      <translation>前几行的值</translation>
    </message>
    <message>
      <source>Import as</source>
      <translation>导入为</translation>
    </message>
    <message>
      <source>Sheet {sheet}: the header is row {row}; data starts in row {start}.</source>
      <translation>工作表 {sheet}：表头在第 {row} 行，数据从第 {start} 行开始。</translation>
    </message>
    <message>
      <source>This layout was imported before; the columns are assigned as you confirmed then.</source>
      <translation>以前导入过这种格式的台账，各列按当时确认的方式对应。</translation>
    </message>
    <message>
      <source>The columns were assigned from their headers. Check each one and change it where needed; the assignment is remembered for ledgers with the same header.</source>
      <translation>已按表头自动对应各列。请逐列核对，必要时修改；对应方式会被记住，下次遇到相同表头的台账时直接使用。</translation>
    </message>
  </context>
  <context>
    <name>NewInspectionDialog</name>
    <message>
      <source>New inspection</source>
      <translation>新建检查</translation>
    </message>
    <message>
      <source>An operator from the register</source>
      <translation>从台账中选择经营主体</translation>
    </message>
    <message>
      <source>An operator drawn for a random inspection task</source>
      <translation>双随机抽查任务抽中的对象</translation>
    </message>
    <message>
      <source>No task has been drawn yet (Tasks tab).</source>
      <translation>尚无已抽取的任务（见“双随机抽查任务”）。</translation>
    </message>
    <message>
      <source>Name, licence number, shop name, pinyin initials…</source>
      <translation>名称、证照号码、店铺名、拼音首字母…</translation>
    </message>
    <message>
      <source>{number} {name}</source>
      <translation>{number} {name}</translation>
    </message>
    <message>
      <source>{title} (version {version})</source>
      <translation>{title}（第 {version} 版）</translation>
    </message>
    <message>
      <source>(optional)</source>
      <translation>（可选）</translation>
    </message>
    <message>
      <source>Choose…</source>
      <translation>请选择…</translation>
    </message>
    <message>
      <source>Shop / website:</source>
      <translation>网店/网站：</translation>
    </message>
    <message>
      <source>Checklist:</source>
      <translation>检查表：</translation>
    </message>
    <message>
      <source>Kind:</source>
      <translation>检查类别：</translation>
    </message>
    <message>
      <source>Officers (at least two):</source>
      <translation>检查人员（至少两名）：</translation>
    </message>
    <message>
      <source>Start the inspection</source>
      <translation>开始检查</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>The operator as a whole</source>
      <translation>整个经营主体</translation>
    </message>
    <message>
      <source>not started</source>
      <translation>未开始</translation>
    </message>
    <message>
      <source>{position}. {name} — officers: {officers} — {state}</source>
      <translation>{position}. {name} — 检查人员：{officers} — {state}</translation>
    </message>
    <message>
      <source>Choose the operator to inspect in the list above.</source>
      <translation>请在上方列表中选择要检查的经营主体。</translation>
    </message>
    <message>
      <source>This object already has an inspection record; open it from the list of records.</source>
      <translation>该对象已有检查记录，请从检查记录列表中打开。</translation>
    </message>
  </context>
  <context>
    <name>OfficersPanel</name>
    <message>
      <source>(optional)</source>
      <translation>（可选）</translation>
    </message>
    <message>
      <source>Choose…</source>
      <translation>请选择…</translation>
    </message>
    <message>
      <source>{name} (no longer active)</source>
      <translation>{name}（已不在岗）</translation>
    </message>
    <message>
      <source>{name} ({cert})</source>
      <translation>{name}（{cert}）</translation>
    </message>
    <message>
      <source>{name} (no certificate number)</source>
      <translation>{name}（无执法证号）</translation>
    </message>
    <message>
      <source>Officers, time and place</source>
      <translation>检查人员、时间和地点</translation>
    </message>
    <message>
      <source>Officers (at least two):</source>
      <translation>检查人员（至少两名）：</translation>
    </message>
    <message>
      <source>Recorder:</source>
      <translation>记录人：</translation>
    </message>
    <message>
      <source>Started:</source>
      <translation>开始时间：</translation>
    </message>
    <message>
      <source>Ended:</source>
      <translation>结束时间：</translation>
    </message>
    <message>
      <source>For online checks, where the check was done</source>
      <translation>网络检查的，填写实施检查的地点</translation>
    </message>
    <message>
      <source>Place:</source>
      <translation>检查地点：</translation>
    </message>
    <message>
      <source>Names and roles of the people present</source>
      <translation>在场人员的姓名和身份</translation>
    </message>
    <message>
      <source>People present:</source>
      <translation>在场人员：</translation>
    </message>
  </context>
  <context>
    <name>OperatorDetailPanel</name>
    <message>
      <source>Select an operator in the list to see its details.</source>
      <translation>在上方列表中选择一户，即可在这里查看详细信息。</translation>
    </message>
    <message>
      <source>Kind</source>
      <translation>类型</translation>
    </message>
    <message>
      <source>Platform</source>
      <translation>平台</translation>
    </message>
    <message>
      <source>Shop name</source>
      <translation>店铺名称</translation>
    </message>
    <message>
      <source>Shop ID</source>
      <translation>店铺编号</translation>
    </message>
    <message>
      <source>Web address</source>
      <translation>网址</translation>
    </message>
    <message>
      <source>ICP filing</source>
      <translation>ICP备案号</translation>
    </message>
    <message>
      <source>Licence display</source>
      <translation>亮照情况</translation>
    </message>
    <message>
      <source>First seen</source>
      <translation>首次发现</translation>
    </message>
    <message>
      <source>Last verified</source>
      <translation>最近核查</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>Number</source>
      <translation>证号</translation>
    </message>
    <message>
      <source>Issued by</source>
      <translation>发证机关</translation>
    </message>
    <message>
      <source>Valid from</source>
      <translation>有效期起</translation>
    </message>
    <message>
      <source>Valid until</source>
      <translation>有效期至</translation>
    </message>
    <message>
      <source>Time</source>
      <translation>时间</translation>
    </message>
    <message>
      <source>Officer</source>
      <translation>操作人</translation>
    </message>
    <message>
      <source>Action</source>
      <translation>操作</translation>
    </message>
    <message>
      <source>Field</source>
      <translation>变更项目</translation>
    </message>
    <message>
      <source>Before → after</source>
      <translation>变更前 → 变更后</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <source>Basic information</source>
      <translation>基本信息</translation>
    </message>
    <message>
      <source>Carriers</source>
      <translation>载体</translation>
    </message>
    <message>
      <source>Licences</source>
      <translation>证照</translation>
    </message>
    <message>
      <source>Change history</source>
      <translation>变更记录</translation>
    </message>
    <message>
      <source>Carriers ({count})</source>
      <translation>载体（{count}）</translation>
    </message>
    <message>
      <source>Licences ({count})</source>
      <translation>证照（{count}）</translation>
    </message>
    <message>
      <source>Change history ({count})</source>
      <translation>变更记录（{count}）</translation>
    </message>
    <message>
      <source>{before} → {after}</source>
      <translation>{before} → {after}</translation>
    </message>
    <message>
      <source>(empty)</source>
      <translation>（空）</translation>
    </message>
    <message>
      <source>Yes</source>
      <translation>是</translation>
    </message>
    <message>
      <source>No</source>
      <translation>否</translation>
    </message>
    <message>
      <source>Not classified</source>
      <translation>未分类</translation>
    </message>
    <message>
      <source>Code saved despite warning</source>
      <translation>号码按原因保存</translation>
    </message>
  </context>
  <context>
    <name>OperatorDialog</name>
    <message>
      <source>Add operator</source>
      <translation>新增经营主体</translation>
    </message>
    <message>
      <source>Edit operator: {name}</source>
      <translation>编辑经营主体：{name}</translation>
    </message>
    <message>
      <source>Choose…</source>
      <translation>请选择…</translation>
    </message>
    <message>
      <source>Mobile or landline with area code; separate several with ;</source>
      <translation>手机号或带区号的固定电话；多个号码用分号隔开</translation>
    </message>
    <message>
      <source>Not classified</source>
      <translation>未分类</translation>
    </message>
    <message>
      <source>On the abnormal-operation list</source>
      <translation>列入经营异常名录</translation>
    </message>
    <message>
      <source>On the serious-violation list</source>
      <translation>列入严重违法失信名单</translation>
    </message>
    <message>
      <source>For an individual business this is the abnormal-operation mark.</source>
      <translation>个体工商户为“经营异常状态”标记。</translation>
    </message>
    <message>
      <source>Registration</source>
      <translation>登记信息</translation>
    </message>
    <message>
      <source>Contact and credit</source>
      <translation>经营与信用</translation>
    </message>
    <message>
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <source>Listed on</source>
      <translation>列入日期</translation>
    </message>
    <message>
      <source>Fields marked * are required. Press Esc to close without saving.</source>
      <translation>带 * 的为必填项。按 Esc 键关闭窗口，不保存。</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>保存</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>{field} *</source>
      <translation>{field} *</translation>
    </message>
    <message>
      <source>This code was saved despite a warning. Reason: {reason}</source>
      <translation>此号码校验未通过，已按原因保存。原因：{reason}</translation>
    </message>
    <message>
      <source>Nothing was saved. Correct the items marked in red, then save again.</source>
      <translation>未保存。请改正标红的项目后再保存。</translation>
    </message>
    <message>
      <source>This operator was deleted in the meantime; nothing was saved. Close this window.</source>
      <translation>该经营主体已在此期间被删除，本次修改未保存。请关闭此窗口。</translation>
    </message>
  </context>
  <context>
    <name>OperatorField</name>
    <message>
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <source>Subject type</source>
      <translation>主体类型</translation>
    </message>
    <message>
      <source>Identifier type</source>
      <translation>证照类型</translation>
    </message>
    <message>
      <source>Identifier</source>
      <translation>证照号码</translation>
    </message>
    <message>
      <source>Legal representative / operator</source>
      <translation>法定代表人/经营者</translation>
    </message>
    <message>
      <source>Registered address</source>
      <translation>住所（登记地址）</translation>
    </message>
    <message>
      <source>Business address</source>
      <translation>经营地址</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>联系电话</translation>
    </message>
    <message>
      <source>Business scope</source>
      <translation>经营范围</translation>
    </message>
    <message>
      <source>Founding date</source>
      <translation>成立日期</translation>
    </message>
    <message>
      <source>Registration status</source>
      <translation>登记状态</translation>
    </message>
    <message>
      <source>Registering authority</source>
      <translation>登记机关</translation>
    </message>
    <message>
      <source>Credit risk class</source>
      <translation>信用风险分类</translation>
    </message>
    <message>
      <source>Abnormal-operation list</source>
      <translation>经营异常名录</translation>
    </message>
    <message>
      <source>Reason for the abnormal-operation listing</source>
      <translation>列入经营异常名录原因</translation>
    </message>
    <message>
      <source>Date of the abnormal-operation listing</source>
      <translation>列入经营异常名录日期</translation>
    </message>
    <message>
      <source>Serious-violation list</source>
      <translation>严重违法失信名单</translation>
    </message>
    <message>
      <source>Reason for the serious-violation listing</source>
      <translation>列入严重违法失信名单原因</translation>
    </message>
    <message>
      <source>Date of the serious-violation listing</source>
      <translation>列入严重违法失信名单日期</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>备注</translation>
    </message>
    <message>
      <source>Reason for deletion</source>
      <translation>删除原因</translation>
    </message>
  </context>
  <context>
    <name>OperatorTableModel</name>
    <message>
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <source>Subject type</source>
      <translation>主体类型</translation>
    </message>
    <message>
      <source>Identifier type</source>
      <translation>证照类型</translation>
    </message>
    <message>
      <source>Identifier</source>
      <translation>证照号码</translation>
    </message>
    <message>
      <source>Legal representative / operator</source>
      <translation>法定代表人/经营者</translation>
    </message>
    <message>
      <source>Phone</source>
      <translation>联系电话</translation>
    </message>
    <message>
      <source>Business address</source>
      <translation>经营地址</translation>
    </message>
    <message>
      <source>Credit class</source>
      <translation>信用分类</translation>
    </message>
    <message>
      <source>Abnormal / serious violation</source>
      <translation>异常/失信</translation>
    </message>
    <message>
      <source>Carriers</source>
      <translation>载体数</translation>
    </message>
    <message>
      <source>Sync</source>
      <translation>同步</translation>
    </message>
    <message>
      <source>Click to sort by this column; click again to reverse the order.</source>
      <translation>点击按此列排序，再次点击则反向排序。</translation>
    </message>
    <message>
      <source>This column cannot be sorted.</source>
      <translation>此列不能排序。</translation>
    </message>
    <message>
      <source>(this record no longer exists)</source>
      <translation>（该记录已不存在）</translation>
    </message>
    <message>
      <source>Deleted. The record is kept for the change history; it can no longer be edited.</source>
      <translation>已删除。记录保留用于查看变更记录，不能再编辑。</translation>
    </message>
    <message>
      <source>The check character of this code does not match, but it was saved on purpose with a reason. The reason is in the change history.</source>
      <translation>此代码校验位不符，已确认按原因保存，原因见变更记录。</translation>
    </message>
    <message>
      <source>On the abnormal-operation list.</source>
      <translation>已列入经营异常名录。</translation>
    </message>
    <message>
      <source>On the serious-violation list.</source>
      <translation>已列入严重违法失信名单。</translation>
    </message>
    <message>
      <source>Abnormal</source>
      <translation>经营异常</translation>
    </message>
    <message>
      <source>Serious violation</source>
      <translation>严重违法失信</translation>
    </message>
    <message>
      <source>, </source>
      <translation>、</translation>
    </message>
  </context>
  <context>
    <name>OptionalDateEdit</name>
    <message>
      <source>Tick to enter the date. Leave it unticked when the date is not known.</source>
      <translation>勾选后填写日期；不清楚日期时不要勾选。</translation>
    </message>
    <message>
      <source>Not set</source>
      <translation>未填写</translation>
    </message>
  </context>
  <context>
    <name>OptionalDateTimeEdit</name>
    <message>
      <source>Tick to enter the time.</source>
      <translation>勾选后填写时间。</translation>
    </message>
    <message>
      <source>Now</source>
      <translation>现在</translation>
    </message>
    <message>
      <source>Set to the current date and time.</source>
      <translation>填入当前日期和时间。</translation>
    </message>
  </context>
  <context>
    <name>OverrideReasonDialog</name>
    <message>
      <source>Save with a reason</source>
      <translation>填写原因后保存</translation>
    </message>
    <message>
      <source>The check character of this code does not match. Compare the code with the licence once more. If the licence really shows it like this, enter the reason below; the reason is kept in the change history.</source>
      <translation>该代码校验位不符。请再与证照核对一遍；如确认证照上就是这样印的，请填写原因，原因会记入变更记录。</translation>
    </message>
    <message>
      <source>Please check the notes below. If the entry is right as it is, enter the reason below; the reason is kept in the change history.</source>
      <translation>请查看下面的提示。如确认填写无误，请填写原因，原因会记入变更记录。</translation>
    </message>
    <message>
      <source>For example: checked against the original licence</source>
      <translation>例如：已与营业执照原件核对</translation>
    </message>
    <message>
      <source>Save with this reason</source>
      <translation>按此原因保存</translation>
    </message>
    <message>
      <source>Back to editing</source>
      <translation>返回修改</translation>
    </message>
    <message>
      <source>Reason:</source>
      <translation>原因：</translation>
    </message>
  </context>
  <context>
    <name>PreviewPage</name>
    <message>
      <source>Preview: what the import would do</source>
      <translation>预览：导入将作哪些更改</translation>
    </message>
    <message>
      <source>Nothing has been changed yet.</source>
      <translation>目前尚未作任何更改。</translation>
    </message>
    <message>
      <source>Save error report…</source>
      <translation>保存问题报告……</translation>
    </message>
    <message>
      <source>Show:</source>
      <translation>显示：</translation>
    </message>
    <message>
      <source>{new} new, {changed} changed, {unchanged} unchanged, {conflicts} conflicting and {rejected} rejected operators; {warnings} with warnings. Conflicting and rejected rows are not imported.</source>
      <translation>新增 {new} 户，变更 {changed} 户，无变化 {unchanged} 户，冲突 {conflicts} 户，拒绝 {rejected} 户；有警告 {warnings} 户。冲突和被拒绝的行不会导入。</translation>
    </message>
  </context>
  <context>
    <name>Progress</name>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Please wait</source>
      <translation>请稍候</translation>
    </message>
  </context>
  <context>
    <name>ReasonDialog</name>
    <message>
      <source>Enter a reason: it is kept in the change history.</source>
      <translation>请填写原因，原因将记入变更记录。</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Reason (required):</source>
      <translation>理由（必填）：</translation>
    </message>
  </context>
  <context>
    <name>RecordLifecycle</name>
    <message>
      <source>task {number}</source>
      <translation>任务 {number}</translation>
    </message>
    <message>
      <source>This record amends an earlier finalized record. Reason: {reason}</source>
      <translation>本记录是对已定稿记录的更正。理由：{reason}</translation>
    </message>
    <message>
      <source>Re-inspection of an order to rectify: check the items found {value} again.</source>
      <translation>整改复查：请重新检查原来“{value}”的事项。</translation>
    </message>
    <message>
      <source>Finalized on {time} by {name}. The record can no longer be changed; use Amend to correct it.</source>
      <translation>已于 {time} 由 {name} 定稿，不能再修改；如需更正请点“更正”。</translation>
    </message>
    <message>
      <source>An amendment replaces this record.</source>
      <translation>本记录已被更正记录取代。</translation>
    </message>
    <message>
      <source>Read-only</source>
      <translation>只读</translation>
    </message>
    <message>
      <source>Changes are saved automatically</source>
      <translation>修改会自动保存</translation>
    </message>
    <message>
      <source>Correct the entries marked in red first: they could not be saved.</source>
      <translation>请先更正标红的内容：这些内容未能保存。</translation>
    </message>
    <message>
      <source>Finalize the record</source>
      <translation>定稿</translation>
    </message>
    <message>
      <source>After finalizing, this record can no longer be changed; a correction then needs an amendment with a reason. Print the record for the signatures before or after finalizing. Finalize now?</source>
      <translation>定稿后本记录不能再修改，如需更正只能另建更正记录并说明理由。签名用的笔录可在定稿前后打印。现在定稿吗？</translation>
    </message>
    <message>
      <source>Finalize</source>
      <translation>定稿</translation>
    </message>
    <message>
      <source>Not yet</source>
      <translation>暂不定稿</translation>
    </message>
    <message>
      <source>Not finalized yet. Complete these {count} points (also marked next to their fields):</source>
      <translation>尚不能定稿。请先完成以下 {count} 项（各项旁也有标注）：</translation>
    </message>
    <message>
      <source>Finalized: the record is now read-only and sealed in the hash chain.</source>
      <translation>已定稿：记录现为只读，并已封存入哈希链。</translation>
    </message>
    <message>
      <source>An order to rectify is followed up on the Rectification page (deadline {date}).</source>
      <translation>已在“整改”页建立整改跟踪（期限 {date}）。</translation>
    </message>
    <message>
      <source>Every failed item now conforms: the rectification is closed.</source>
      <translation>原不符合事项现已全部符合，整改已办结。</translation>
    </message>
    <message>
      <source>The rectification deadline was extended by this re-inspection.</source>
      <translation>本次复查已延长整改期限。</translation>
    </message>
    <message>
      <source>Amend the record</source>
      <translation>更正记录</translation>
    </message>
    <message>
      <source>A new version of this record is made for the correction; the finalized original stays unchanged and is marked as replaced once the amendment is finalized.</source>
      <translation>将为更正生成本记录的新版本；已定稿的原记录保持不变，更正记录定稿后原记录标为已被取代。</translation>
    </message>
    <message>
      <source>For example: wrong certificate number of an officer</source>
      <translation>例如：检查人员执法证号填写错误</translation>
    </message>
    <message>
      <source>Start the amendment</source>
      <translation>开始更正</translation>
    </message>
    <message>
      <source>Discard the draft</source>
      <translation>放弃草稿</translation>
    </message>
    <message>
      <source>The draft is kept in the change history but no longer listed. Evidence only it used is removed.</source>
      <translation>草稿保留在修改记录中，但不再列出；仅该草稿使用的证据文件将被删除。</translation>
    </message>
    <message>
      <source>For example: started twice by mistake</source>
      <translation>例如：误建了两次</translation>
    </message>
    <message>
      <source>Discard</source>
      <translation>放弃</translation>
    </message>
  </context>
  <context>
    <name>RecordsPage</name>
    <message>
      <source>New inspection…</source>
      <translation>新建检查…</translation>
    </message>
    <message>
      <source>Start an inspection record (Ctrl+N)</source>
      <translation>新建一条检查记录（Ctrl+N）</translation>
    </message>
    <message>
      <source>Open</source>
      <translation>打开</translation>
    </message>
    <message>
      <source>All records</source>
      <translation>全部记录</translation>
    </message>
    <message>
      <source>Drafts</source>
      <translation>草稿</translation>
    </message>
    <message>
      <source>Finalized</source>
      <translation>已定稿</translation>
    </message>
    <message>
      <source>Filter by operator, identifier, officer or task</source>
      <translation>按经营主体、证照号码、检查人员或任务筛选</translation>
    </message>
    <message>
      <source>Show discarded drafts</source>
      <translation>显示已放弃的草稿</translation>
    </message>
    <message>
      <source>No inspection records yet. Click “New inspection” to start one.</source>
      <translation>还没有检查记录。点击“新建检查”开始。</translation>
    </message>
    <message>
      <source>{count} records</source>
      <translation>{count} 条记录</translation>
    </message>
  </context>
  <context>
    <name>RectificationView</name>
    <message>
      <source>Rectification</source>
      <translation>整改</translation>
    </message>
    <message>
      <source>All open orders</source>
      <translation>全部未办结</translation>
    </message>
    <message>
      <source>Due within a week</source>
      <translation>一周内到期</translation>
    </message>
    <message>
      <source>Overdue</source>
      <translation>已逾期</translation>
    </message>
    <message>
      <source>Closed</source>
      <translation>已办结</translation>
    </message>
    <message>
      <source>All orders</source>
      <translation>全部</translation>
    </message>
    <message>
      <source>Start re-inspection</source>
      <translation>开始复查</translation>
    </message>
    <message>
      <source>Start a re-inspection record of the same operator with the same checklist; finalizing it closes the order when every failed item now conforms.</source>
      <translation>用同一检查表对同一经营主体新建复查记录；复查定稿时原不符合事项全部符合的，整改自动办结。</translation>
    </message>
    <message>
      <source>Extend deadline…</source>
      <translation>延期…</translation>
    </message>
    <message>
      <source>Close…</source>
      <translation>办结…</translation>
    </message>
    <message>
      <source>Close the order with a finalized re-inspection record.</source>
      <translation>以已定稿的复查记录办结整改。</translation>
    </message>
    <message>
      <source>Open the original record</source>
      <translation>打开原检查记录</translation>
    </message>
    <message>
      <source>Order to correct (print / PDF)</source>
      <translation>责令改正通知书（打印/PDF）</translation>
    </message>
    <message>
      <source>Show:</source>
      <translation>显示：</translation>
    </message>
    <message>
      <source>Export ledger…</source>
      <translation>导出台账…</translation>
    </message>
    <message>
      <source>Export the rectification ledger to Excel</source>
      <translation>将整改台账导出为 Excel</translation>
    </message>
    <message>
      <source>Re-inspections of this order (double-click to open):</source>
      <translation>本整改的复查记录（双击打开）：</translation>
    </message>
    <message>
      <source>{count} orders</source>
      <translation>{count} 项</translation>
    </message>
    <message>
      <source>No order to rectify in this list. An order is opened when an inspection record with the follow-up “{measure}” is finalized.</source>
      <translation>此列表中没有整改事项。后续处置为“{measure}”的检查记录定稿后，会在这里建立整改跟踪。</translation>
    </message>
    <message>
      <source>&lt;b&gt;{name}&lt;/b&gt; {carrier}</source>
      <translation>&lt;b&gt;{name}&lt;/b&gt; {carrier}</translation>
    </message>
    <message>
      <source>Rectify by {deadline} (first deadline {original}, extended {count} times).</source>
      <translation>整改期限 {deadline}（原定 {original}，已延期 {count} 次）。</translation>
    </message>
    <message>
      <source>Requirement: {text}</source>
      <translation>整改要求：{text}</translation>
    </message>
    <message>
      <source>Closed on {time}.</source>
      <translation>已于 {time} 办结。</translation>
    </message>
    <message>
      <source>Items found {value}:</source>
      <translation>“{value}”的事项：</translation>
    </message>
    <message>
      <source> — {note}</source>
      <translation> — {note}</translation>
    </message>
    <message>
      <source>Re-inspection {when} — {state}</source>
      <translation>复查 {when} — {state}</translation>
    </message>
    <message>
      <source>Not started</source>
      <translation>未开始</translation>
    </message>
    <message>
      <source>Extend the deadline</source>
      <translation>延长整改期限</translation>
    </message>
    <message>
      <source>The operator gets more time until the new deadline. The reason goes into the change history.</source>
      <translation>整改期限延至新的日期。延期理由记入修改记录。</translation>
    </message>
    <message>
      <source>For example: the platform needs ten days to change the shop page</source>
      <translation>例如：平台修改店铺页面需要十天</translation>
    </message>
    <message>
      <source>Extend</source>
      <translation>延期</translation>
    </message>
    <message>
      <source>New deadline:</source>
      <translation>新的期限：</translation>
    </message>
    <message>
      <source>Not extended</source>
      <translation>未延期</translation>
    </message>
    <message>
      <source>Not closed yet</source>
      <translation>尚不能办结</translation>
    </message>
    <message>
      <source>An order is closed with a finalized re-inspection record. Start the re-inspection, check the failed items again and finalize it; when every failed item conforms, the order closes by itself.</source>
      <translation>整改须以已定稿的复查记录办结。请开始复查，重新检查不符合的事项并定稿；全部符合时整改自动办结。</translation>
    </message>
    <message>
      <source>Close the order</source>
      <translation>办结整改</translation>
    </message>
    <message>
      <source>The order is closed with the re-inspection chosen below. Say why it is closed.</source>
      <translation>以下方所选的复查记录办结整改。请说明办结理由。</translation>
    </message>
    <message>
      <source>For example: the licence is now shown on the shop's home page</source>
      <translation>例如：店铺首页已公示营业执照</translation>
    </message>
    <message>
      <source>Re-inspection {when}</source>
      <translation>复查 {when}</translation>
    </message>
    <message>
      <source>Re-inspection:</source>
      <translation>复查记录：</translation>
    </message>
    <message>
      <source>Not closed</source>
      <translation>未办结</translation>
    </message>
  </context>
  <context>
    <name>RegistryFilterBar</name>
    <message>
      <source>All subject types</source>
      <translation>全部主体类型</translation>
    </message>
    <message>
      <source>All carrier kinds</source>
      <translation>全部载体类型</translation>
    </message>
    <message>
      <source>All platforms</source>
      <translation>全部平台</translation>
    </message>
    <message>
      <source>All credit classes</source>
      <translation>全部信用分类</translation>
    </message>
    <message>
      <source>Abnormal operation only</source>
      <translation>仅经营异常</translation>
    </message>
    <message>
      <source>Serious violation only</source>
      <translation>仅严重违法失信</translation>
    </message>
    <message>
      <source>Show deleted</source>
      <translation>显示已删除</translation>
    </message>
    <message>
      <source>Also list deleted operators (greyed out), to look up their history.</source>
      <translation>同时列出已删除的经营主体（灰色显示），便于查看其变更记录。</translation>
    </message>
    <message>
      <source>Not synced only</source>
      <translation>只看未同步</translation>
    </message>
    <message>
      <source>Only operators the provincial platform does not have as shown: not synced, returned or in review.</source>
      <translation>只显示省级平台尚未按此处显示接收的经营主体：未同步、被退回或待省级审核。</translation>
    </message>
    <message>
      <source>Clear filters</source>
      <translation>清除筛选</translation>
    </message>
  </context>
  <context>
    <name>RegistryLedgerActions</name>
    <message>
      <source>Import…</source>
      <translation>导入……</translation>
    </message>
    <message>
      <source>Import operators and carriers from an Excel or CSV ledger</source>
      <translation>从 Excel 或 CSV 台账导入经营主体和载体</translation>
    </message>
    <message>
      <source>Undo last import…</source>
      <translation>撤销上次导入……</translation>
    </message>
    <message>
      <source>Export…</source>
      <translation>导出……</translation>
    </message>
    <message>
      <source>Export the register as an Excel ledger</source>
      <translation>将经营主体台账导出为 Excel 台账</translation>
    </message>
    <message>
      <source>Download import template…</source>
      <translation>下载导入模板……</translation>
    </message>
    <message>
      <source>Nothing to undo</source>
      <translation>没有可撤销的导入</translation>
    </message>
    <message>
      <source>There is no import that can still be undone.</source>
      <translation>没有仍可撤销的导入。</translation>
    </message>
    <message>
      <source>Undo last import</source>
      <translation>撤销上次导入</translation>
    </message>
    <message>
      <source>Undo the import of {file} (sheet {sheet}) made on {time} by {officer}? Its {new} new operators are removed and its changes to {changed} operators are reverted.</source>
      <translation>撤销 {officer} 于 {time} 导入的 {file}（工作表 {sheet}）？该次导入新增的 {new} 户经营主体将被删除，对 {changed} 户经营主体的更改将被还原。</translation>
    </message>
    <message>
      <source>Undoing the import…</source>
      <translation>正在撤销导入……</translation>
    </message>
    <message>
      <source>Import undone</source>
      <translation>导入已撤销</translation>
    </message>
    <message>
      <source>The import of {file} was undone: the register is as it was before.</source>
      <translation>已撤销 {file} 的导入：台账已恢复到导入前的状态。</translation>
    </message>
  </context>
  <context>
    <name>RegistryView</name>
    <message>
      <source>Name, licence number, phone, shop name, web address, pinyin initials…</source>
      <translation>名称、证照号码、电话、网店名称、网址、拼音首字母…</translation>
    </message>
    <message>
      <source>Ctrl+F: search. Esc: clear the search. Enter or ↓: go to the list.</source>
      <translation>Ctrl+F：搜索；Esc：清空搜索；回车或 ↓：转到列表。</translation>
    </message>
    <message>
      <source>Add</source>
      <translation>新增</translation>
    </message>
    <message>
      <source>Edit</source>
      <translation>编辑</translation>
    </message>
    <message>
      <source>Delete</source>
      <translation>删除</translation>
    </message>
    <message>
      <source>Add an operator (Ctrl+N)</source>
      <translation>新增经营主体（Ctrl+N）</translation>
    </message>
    <message>
      <source>Edit the selected operator (Enter or double-click)</source>
      <translation>编辑选中的经营主体（回车或双击）</translation>
    </message>
    <message>
      <source>Delete the selected operator; a reason is required</source>
      <translation>删除选中的经营主体（须填写原因）</translation>
    </message>
    <message>
      <source>Clear search and filters</source>
      <translation>清除搜索和筛选</translation>
    </message>
    <message>
      <source>Search:</source>
      <translation>搜索：</translation>
    </message>
    <message>
      <source>Search</source>
      <translation>搜索</translation>
    </message>
    <message>
      <source>Add operator</source>
      <translation>新增经营主体</translation>
    </message>
    <message>
      <source>Edit operator</source>
      <translation>编辑经营主体</translation>
    </message>
    <message>
      <source>Delete operator</source>
      <translation>删除经营主体</translation>
    </message>
    <message>
      <source>Clear search</source>
      <translation>清空搜索</translation>
    </message>
    <message>
      <source>Not deleted</source>
      <translation>未删除</translation>
    </message>
    <message>
      <source>Operator not found</source>
      <translation>找不到该经营主体</translation>
    </message>
    <message>
      <source>This operator no longer exists (it may have been deleted in another window). The list is reloaded.</source>
      <translation>该经营主体已不存在（可能已在其他窗口中删除）。列表已重新加载。</translation>
    </message>
    <message>
      <source>At least {count} found; only the first {count} are shown. Type more to narrow it down.</source>
      <translation>找到 {count} 户以上，仅显示前 {count} 户，请输入更多文字缩小范围。</translation>
    </message>
    <message>
      <source>{count} found</source>
      <translation>找到 {count} 户</translation>
    </message>
    <message>
      <source>{count} operators</source>
      <translation>共 {count} 户</translation>
    </message>
    <message>
      <source>The register has no operators yet. Click “Add” to add one, or “Import” to bring them in from an Excel ledger.</source>
      <translation>台账中还没有经营主体。点击“新增”逐户添加，或点击“导入”从 Excel 台账导入。</translation>
    </message>
    <message>
      <source>No operator matches. Check what you typed, or remove some filters.</source>
      <translation>没有找到匹配的经营主体。请检查输入，或减少筛选条件。</translation>
    </message>
  </context>
  <context>
    <name>ResultPage</name>
    <message>
      <source>Result</source>
      <translation>导入结果</translation>
    </message>
    <message>
      <source>Undo this import</source>
      <translation>撤销本次导入</translation>
    </message>
    <message>
      <source>Save error report…</source>
      <translation>保存问题报告……</translation>
    </message>
    <message>
      <source>Nothing was imported.</source>
      <translation>未导入任何内容。</translation>
    </message>
    <message>
      <source>Imported {new} new operators and changed {changed}; {carriers} carriers were added. The change history names {file} as the source.</source>
      <translation>已导入 {new} 户新经营主体，变更 {changed} 户；新增载体 {carriers} 个。变更记录中注明来源为 {file}。</translation>
    </message>
  </context>
  <context>
    <name>SaveFeedback</name>
    <message>
      <source>Not saved</source>
      <translation>未保存</translation>
    </message>
  </context>
  <context>
    <name>SheetPage</name>
    <message>
      <source>Choose the sheet</source>
      <translation>选择工作表</translation>
    </message>
    <message>
      <source>The file has several sheets. Choose the one that holds the register.</source>
      <translation>文件中有多个工作表，请选择存放经营主体台账的那一个。</translation>
    </message>
    <message>
      <source> (hidden: not imported)</source>
      <translation>（隐藏：不导入）</translation>
    </message>
    <message>
      <source> (no header row recognised)</source>
      <translation>（未识别出表头）</translation>
    </message>
  </context>
  <context>
    <name>Startup</name>
    <message>
      <source>Creating the demo station with {count} operators…</source>
      <translation>正在创建演示所（{count} 户经营主体）…</translation>
    </message>
    <message>
      <source>StationDesk closed unexpectedly last time</source>
      <translation>上次运行意外退出</translation>
    </message>
    <message>
      <source>The report below was saved in {path}. Please send it to support. Your saved data is not affected.</source>
      <translation>下面的报告已保存在 {path}，请发送给技术支持。已保存的数据不受影响。</translation>
    </message>
    <message>
      <source>Where to keep the database key</source>
      <translation>数据库密钥保存方式</translation>
    </message>
    <message>
      <source>This computer has no system credential store, so StationDesk cannot keep the database key there. Choose how to unlock the encrypted database:</source>
      <translation>本机没有系统凭据库，无法在其中保存数据库密钥。请选择加密数据库的解锁方式：</translation>
    </message>
    <message>
      <source>A passphrase I type at every start (safest)</source>
      <translation>每次启动时输入口令（最安全）</translation>
    </message>
    <message>
      <source>A key file (anyone who copies this file can read the data)</source>
      <translation>密钥文件（任何人复制此文件都能读取数据）</translation>
    </message>
    <message>
      <source>Passphrase:</source>
      <translation>口令：</translation>
    </message>
    <message>
      <source>Repeat:</source>
      <translation>再输一次：</translation>
    </message>
    <message>
      <source>The passphrase needs at least 8 characters.</source>
      <translation>口令至少需要 8 个字符。</translation>
    </message>
    <message>
      <source>The two passphrases differ. Type them again.</source>
      <translation>两次输入的口令不一致，请重新输入。</translation>
    </message>
    <message>
      <source>Enter where the key file should be kept.</source>
      <translation>请填写密钥文件的保存位置。</translation>
    </message>
    <message>
      <source>Welcome to StationDesk</source>
      <translation>欢迎使用基层监管工作台</translation>
    </message>
    <message>
      <source>There is no station data on this computer yet. How do you want to start?</source>
      <translation>本机还没有本所数据。您想怎样开始？</translation>
    </message>
    <message>
      <source>Try the demo station (synthetic operators, safe to play with)</source>
      <translation>先试用演示所（模拟数据，可随意操作）</translation>
    </message>
    <message>
      <source>Set up my own station (empty register)</source>
      <translation>建立本所台账（空白台账）</translation>
    </message>
    <message>
      <source>e.g. Huguo Station of the Wuhua District Market Regulation Bureau, Kunming</source>
      <translation>例如：昆明市五华区市场监督管理局护国市场监管所</translation>
    </message>
    <message>
      <source>6-digit county code, e.g. 530102</source>
      <translation>6 位县区行政区划代码，例如 530102</translation>
    </message>
    <message>
      <source>Station name:</source>
      <translation>所名称：</translation>
    </message>
    <message>
      <source>County code:</source>
      <translation>县区代码：</translation>
    </message>
    <message>
      <source>Your name:</source>
      <translation>您的姓名：</translation>
    </message>
    <message>
      <source>Your enforcement certificate no.:</source>
      <translation>您的执法证号：</translation>
    </message>
    <message>
      <source>Number of demo operators:</source>
      <translation>演示经营主体数量：</translation>
    </message>
    <message>
      <source>Enter the station name and your name.</source>
      <translation>请填写所名称和您的姓名。</translation>
    </message>
    <message>
      <source>The county code has 6 digits, e.g. 530102.</source>
      <translation>县区代码为 6 位数字，例如 530102。</translation>
    </message>
    <message>
      <source>Who is working?</source>
      <translation>请选择当前执法人员</translation>
    </message>
    <message>
      <source>Choose your name. Every change you make is recorded under it.</source>
      <translation>请选择您的姓名。您所做的每项修改都会记录在您名下。</translation>
    </message>
    <message>
      <source>Or add a new officer — name:</source>
      <translation>或新增执法人员——姓名：</translation>
    </message>
    <message>
      <source>Enforcement certificate no.:</source>
      <translation>执法证号：</translation>
    </message>
    <message>
      <source>Choose your name or add yourself as a new officer.</source>
      <translation>请选择您的姓名，或把自己添加为新的执法人员。</translation>
    </message>
  </context>
  <context>
    <name>Sync</name>
    <message>
      <source>Cannot reach the server {server}. Check the network connection and the server address, then try again. Nothing was lost: unsent changes stay on this computer.</source>
      <translation>无法连接服务器 {server}。请检查网络连接和服务器地址后重试。数据没有丢失：未发送的修改仍保存在本机。</translation>
    </message>
    <message>
      <source>The server's certificate could not be verified, so nothing was sent. If your province uses its own certificate authority, ask your administrator to set STATIONDESK_CA_BUNDLE to its CA certificate file.</source>
      <translation>无法验证服务器证书，因此没有发送任何数据。如果本省使用自建的证书颁发机构，请让管理员把环境变量 STATIONDESK_CA_BUNDLE 设为其 CA 证书文件。</translation>
    </message>
    <message>
      <source>The answer did not come from the StationDesk server (a Wi-Fi login page or a proxy is in between). Log in to the network in a browser first, then sync again. Nothing was lost.</source>
      <translation>收到的应答不是来自工作台服务器（中间有 Wi-Fi 登录页或代理）。请先在浏览器中完成上网认证，再重新同步。数据没有丢失。</translation>
    </message>
    <message>
      <source>The server had an error. Try again later; unsent changes stay on this computer.</source>
      <translation>服务器出错。请稍后重试；未发送的修改仍保存在本机。</translation>
    </message>
    <message>
      <source>Please sign in: enter your user name and password for the provincial server.</source>
      <translation>请登录：输入省级服务器的用户名和密码。</translation>
    </message>
    <message>
      <source>The user name or password is wrong, or the sign-in has expired. Sign in again.</source>
      <translation>用户名或密码错误，或登录已过期。请重新登录。</translation>
    </message>
    <message>
      <source>Too many failed sign-ins. Wait a quarter of an hour, then try again with the right password.</source>
      <translation>登录失败次数过多。请等待十五分钟后用正确的密码重试。</translation>
    </message>
    <message>
      <source>This version of StationDesk is too old for the server. Install the new version, then sync again.</source>
      <translation>本工作台版本过旧，服务器不再支持。请安装新版本后再同步。</translation>
    </message>
    <message>
      <source>The server asks for a full download. Sync again.</source>
      <translation>服务器要求重新完整下载。请再同步一次。</translation>
    </message>
    <message>
      <source>This data folder was copied from another computer. It has been registered as a new device; sign in again with your user name and password and sync. Unsent changes were kept.</source>
      <translation>此数据文件夹是从另一台电脑复制来的，已登记为新设备；请用用户名和密码重新登录后同步。未发送的修改已保留。</translation>
    </message>
    <message>
      <source>This user belongs to another station than the data on this computer. Sign in with an account of this station. Nothing was changed.</source>
      <translation>该用户属于其他所，与本机数据所属的所不同。请用本所的账号登录。未做任何修改。</translation>
    </message>
    <message>
      <source>The server refused the request ({detail}). Unsent changes stay on this computer; report this.</source>
      <translation>服务器拒绝了请求（{detail}）。未发送的修改仍保存在本机；请报告此问题。</translation>
    </message>
    <message>
      <source>Sync failed: {detail}. Unsent changes stay on this computer.</source>
      <translation>同步失败：{detail}。未发送的修改仍保存在本机。</translation>
    </message>
    <message>
      <source>The server sent data this version of StationDesk cannot read ({detail}), so it was not saved. Unsent changes stay on this computer; report this to your administrator.</source>
      <translation>服务器发来的数据本版本无法读取（{detail}），因此未保存。未发送的修改仍保存在本机；请报告管理员。</translation>
    </message>
    <message>
      <source>A sync is already running. Wait until it has finished.</source>
      <translation>同步正在进行，请等待其完成。</translation>
    </message>
    <message>
      <source>This data folder holds the offline demo station, which never mixes with real data. Choose an empty data folder for your station (--data-dir), then sync.</source>
      <translation>此数据文件夹中是离线演示所，演示数据不能与真实数据混合。请为本所选择一个空的数据文件夹（--data-dir）后再同步。</translation>
    </message>
    <message>
      <source>This data folder already holds data that never came from the server. The first sync needs an empty data folder; choose another one (--data-dir).</source>
      <translation>此数据文件夹中已有并非来自服务器的数据。首次同步需要空的数据文件夹；请另选一个（--data-dir）。</translation>
    </message>
    <message>
      <source>This data folder belongs to the server {detail}. A data folder syncs with one server only; use another data folder for this server.</source>
      <translation>此数据文件夹属于服务器 {detail}。一个数据文件夹只能与一个服务器同步；请为该服务器另用一个数据文件夹。</translation>
    </message>
    <message>
      <source>Sync failed</source>
      <translation>同步失败</translation>
    </message>
    <message>
      <source>Sent: {pushed} changes ({applied} accepted, {rejected} refused).</source>
      <translation>已发送：{pushed} 项修改（接受 {applied} 项，拒绝 {rejected} 项）。</translation>
    </message>
    <message>
      <source>Evidence files: {uploaded} uploaded ({mb:.1f} MB), {skipped} already there.</source>
      <translation>证据文件：上传 {uploaded} 个（{mb:.1f} MB），{skipped} 个服务器已有。</translation>
    </message>
    <message>
      <source>Received: {pulled} changes ({applied} applied).</source>
      <translation>已接收：{pulled} 项变更（应用 {applied} 项）。</translation>
    </message>
    <message>
      <source>Traffic: {sent:.1f} KB sent, {received:.1f} KB received; {seconds:.1f} s.</source>
      <translation>流量：发送 {sent:.1f} KB，接收 {received:.1f} KB；用时 {seconds:.1f} 秒。</translation>
    </message>
    <message>
      <source>A full download from the server was done.</source>
      <translation>已从服务器重新完整下载。</translation>
    </message>
    <message>
      <source>Checked: this computer matches the server.</source>
      <translation>已核对：本机数据与服务器一致。</translation>
    </message>
    <message>
      <source>Check failed: this computer differs from the server.</source>
      <translation>核对未通过：本机数据与服务器不一致。</translation>
    </message>
    <message>
      <source>Sync receipt, {time}: {server} ({station}).</source>
      <translation>同步回执，{time}：{server}（{station}）。</translation>
    </message>
    <message>
      <source>    {entity}: {applied} accepted, {rejected} refused</source>
      <translation>    {entity}：接收 {applied} 项，拒收 {rejected} 项</translation>
    </message>
    <message>
      <source>Not checked: the server changed during the sync; the next sync checks.</source>
      <translation>本次未核对：同步期间服务器数据有变化，下次同步时核对。</translation>
    </message>
    <message>
      <source>Refused: {entity} {id}: {meaning} ({reason})</source>
      <translation>被拒收：{entity} {id}：{meaning}（{reason}）</translation>
    </message>
    <message>
      <source>Evidence files missing on this computer: {count}.</source>
      <translation>本机缺失的证据文件：{count} 个。</translation>
    </message>
  </context>
  <context>
    <name>SyncConflicts</name>
    <message>
      <source>Refused by the server</source>
      <translation>被服务器拒收</translation>
    </message>
    <message>
      <source>Rejected by the province</source>
      <translation>被省级驳回</translation>
    </message>
    <message>
      <source>Out of date</source>
      <translation>已过时</translation>
    </message>
    <message>
      <source>Carrier type</source>
      <translation>载体类型</translation>
    </message>
    <message>
      <source>Platform</source>
      <translation>平台</translation>
    </message>
    <message>
      <source>Shop name</source>
      <translation>店铺名称</translation>
    </message>
    <message>
      <source>Shop ID</source>
      <translation>店铺编号</translation>
    </message>
    <message>
      <source>Web address</source>
      <translation>网址</translation>
    </message>
    <message>
      <source>ICP filing number</source>
      <translation>ICP 备案号</translation>
    </message>
    <message>
      <source>Licence display</source>
      <translation>亮照情况</translation>
    </message>
    <message>
      <source>First seen</source>
      <translation>首次发现</translation>
    </message>
    <message>
      <source>Last verified</source>
      <translation>最近核实</translation>
    </message>
    <message>
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <source>(empty)</source>
      <translation>（空）</translation>
    </message>
    <message>
      <source>Yes</source>
      <translation>是</translation>
    </message>
    <message>
      <source>No</source>
      <translation>否</translation>
    </message>
  </context>
  <context>
    <name>SyncStatus</name>
    <message>
      <source>Synced</source>
      <translation>已同步</translation>
    </message>
    <message>
      <source>Not synced</source>
      <translation>未同步</translation>
    </message>
    <message>
      <source>Returned</source>
      <translation>被退回</translation>
    </message>
    <message>
      <source>Awaiting provincial review</source>
      <translation>待省级审核</translation>
    </message>
    <message>
      <source>The provincial platform has this record as shown here.</source>
      <translation>省级平台已有此记录，与此处显示的一致。</translation>
    </message>
    <message>
      <source>{count} change(s) are saved on this computer and wait in the outbox; the next sync sends them.</source>
      <translation>{count} 项更改已保存在本机，正在发件箱中等待，下次同步时发送。</translation>
    </message>
    <message>
      <source>Changed on this computer; the provincial platform has not confirmed it yet.</source>
      <translation>已在本机更改，省级平台尚未确认。</translation>
    </message>
    <message>
      <source>The provincial platform did not take the last change:</source>
      <translation>省级平台未接收最近一次更改：</translation>
    </message>
    <message>
      <source>{what}: {meaning}</source>
      <translation>{what}：{meaning}</translation>
    </message>
    <message>
      <source>{what}: {meaning} ({reason})</source>
      <translation>{what}：{meaning}（{reason}）</translation>
    </message>
    <message>
      <source>The Sync page shows the details and what to do.</source>
      <translation>详情和处理办法见“同步”页。</translation>
    </message>
    <message>
      <source>The correction of province-owned fields was sent as a proposal ({count}); the province has not decided yet.</source>
      <translation>省级字段的更正已作为更正提议提交（{count} 项），省级尚未审核。</translation>
    </message>
    <message>
      <source>Sums up {count} inspection record(s).</source>
      <translation>汇总 {count} 条检查记录。</translation>
    </message>
  </context>
  <context>
    <name>SyncText</name>
    <message>
      <source>operator</source>
      <translation>经营主体</translation>
    </message>
    <message>
      <source>registry correction proposal</source>
      <translation>台账更正提议</translation>
    </message>
    <message>
      <source>online carrier</source>
      <translation>网络载体</translation>
    </message>
    <message>
      <source>licence</source>
      <translation>许可证</translation>
    </message>
    <message>
      <source>inspection record</source>
      <translation>检查记录</translation>
    </message>
    <message>
      <source>evidence</source>
      <translation>证据</translation>
    </message>
    <message>
      <source>the data does not fit what the server expects</source>
      <translation>数据不符合服务器的要求</translation>
    </message>
    <message>
      <source>the server does not accept this kind of change</source>
      <translation>服务器不接受此类修改</translation>
    </message>
    <message>
      <source>the record is not (or no longer) in this station's data</source>
      <translation>该记录不在（或已不在）本所的数据中</translation>
    </message>
    <message>
      <source>another station's record has the same id</source>
      <translation>另一个所的记录使用了相同的编号</translation>
    </message>
    <message>
      <source>these fields belong to the province: change them through a correction proposal</source>
      <translation>这些字段归省级平台管理：请通过更正提议修改</translation>
    </message>
    <message>
      <source>someone else changed the record in the meantime</source>
      <translation>其间他人已修改了该记录</translation>
    </message>
    <message>
      <source>the inspection record is finalized: correct it with an amendment</source>
      <translation>检查记录已定稿：请以补正方式更正</translation>
    </message>
    <message>
      <source>stored evidence cannot be changed: add new evidence instead</source>
      <translation>已保存的证据不能修改：请另行添加证据</translation>
    </message>
    <message>
      <source>the evidence file did not reach the server</source>
      <translation>证据文件未送达服务器</translation>
    </message>
    <message>
      <source>a value fails a rule (code, phone or ICP number)</source>
      <translation>有值不符合规则（代码、电话或 ICP 备案号）</translation>
    </message>
    <message>
      <source>the change arrived out of order</source>
      <translation>修改到达的顺序有误</translation>
    </message>
    <message>
      <source>the province rejected the proposal</source>
      <translation>省级平台驳回了该提议</translation>
    </message>
    <message>
      <source>the province changed this operator after the proposal was made; it will not be accepted as is</source>
      <translation>提议提出后省级平台又修改了该经营主体；此提议不会按原样被采纳</translation>
    </message>
    <message>
      <source>the evidence file is missing on this computer</source>
      <translation>本机缺失该证据文件</translation>
    </message>
    <message>
      <source>refused by the server</source>
      <translation>被服务器拒收</translation>
    </message>
  </context>
  <context>
    <name>SyncView</name>
    <message>
      <source>https://server address</source>
      <translation>https://服务器地址</translation>
    </message>
    <message>
      <source>Server</source>
      <translation>服务器</translation>
    </message>
    <message>
      <source>User name</source>
      <translation>用户名</translation>
    </message>
    <message>
      <source>Password</source>
      <translation>密码</translation>
    </message>
    <message>
      <source>This computer has no system credential store: after closing the program you need to sign in again.</source>
      <translation>本机没有系统凭据库：关闭程序后需要重新登录。</translation>
    </message>
    <message>
      <source>What the next sync sends</source>
      <translation>下次同步将发送</translation>
    </message>
    <message>
      <source>Sync</source>
      <translation>同步</translation>
    </message>
    <message>
      <source>Save receipt…</source>
      <translation>保存回执……</translation>
    </message>
    <message>
      <source>Receipt of the last sync</source>
      <translation>上次同步的回执</translation>
    </message>
    <message>
      <source>Nothing to send: everything done here has reached the server.</source>
      <translation>没有待发送的内容：本机所做的一切均已送达服务器。</translation>
    </message>
    <message>
      <source>To send: {inspections} inspection records, {proposals} registry correction proposals, {edits} register edits, {files} files ({mb:.1f} MB).</source>
      <translation>待发送：检查记录 {inspections} 份，台账更正提议 {proposals} 项，台账修改 {edits} 项，文件 {files} 个（{mb:.1f} MB）。</translation>
    </message>
    <message>
      <source>Last successful sync: {time}.</source>
      <translation>上次成功同步：{time}。</translation>
    </message>
    <message>
      <source>{count} items are not sent (see the Conflicts tab):</source>
      <translation>{count} 项不会发送（见“冲突”页）：</translation>
    </message>
    <message>
      <source>  • {what} {title}: {meaning}</source>
      <translation>  • {what} {title}：{meaning}</translation>
    </message>
    <message>
      <source>Conflicts ({count})</source>
      <translation>冲突（{count}）</translation>
    </message>
    <message>
      <source>Conflicts</source>
      <translation>冲突</translation>
    </message>
    <message>
      <source>Syncing in the background…</source>
      <translation>正在后台同步……</translation>
    </message>
    <message>
      <source>Last attempt failed: {message}</source>
      <translation>上次尝试失败：{message}</translation>
    </message>
    <message>
      <source>Next automatic retry: {time}</source>
      <translation>下次自动重试：{time}</translation>
    </message>
    <message>
      <source>No automatic retry: press Sync when the cause is fixed.</source>
      <translation>不会自动重试：排除原因后请按“同步”。</translation>
    </message>
    <message>
      <source>sync-receipt-{time}.txt</source>
      <translation>同步回执-{time}.txt</translation>
    </message>
    <message>
      <source>Save receipt</source>
      <translation>保存回执</translation>
    </message>
    <message>
      <source>Text files (*.txt)</source>
      <translation>文本文件 (*.txt)</translation>
    </message>
    <message>
      <source>The receipt could not be saved to {path}: {error}. Choose another folder.</source>
      <translation>回执无法保存到 {path}：{error}。请选择其他文件夹。</translation>
    </message>
    <message>
      <source>First sync: the station's registry will be downloaded into this data folder.</source>
      <translation>首次同步：将把本所台账下载到此数据文件夹。</translation>
    </message>
    <message>
      <source>Enter the server address first.</source>
      <translation>请先输入服务器地址。</translation>
    </message>
    <message>
      <source>Syncing with the provincial server…</source>
      <translation>正在与省级服务器同步…</translation>
    </message>
    <message>
      <source>Sync cancelled. Press Sync again to continue.</source>
      <translation>同步已取消。再次点击“同步”即可继续。</translation>
    </message>
  </context>
  <context>
    <name>TaskDialog</name>
    <message>
      <source>New inspection task</source>
      <translation>新建抽查任务</translation>
    </message>
    <message>
      <source>Edit inspection task</source>
      <translation>修改抽查任务</translation>
    </message>
    <message>
      <source>For example 2026-SJ-001</source>
      <translation>例如 2026-SJ-001</translation>
    </message>
    <message>
      <source>For example: licence display of online shops, first half-year</source>
      <translation>例如：上半年网店亮照亮证亮标抽查</translation>
    </message>
    <message>
      <source>{title} (version {version})</source>
      <translation>{title}（第 {version} 版）</translation>
    </message>
    <message>
      <source>A number of operators</source>
      <translation>按户数</translation>
    </message>
    <message>
      <source>A percentage of the matching operators</source>
      <translation>按符合条件主体的比例</translation>
    </message>
    <message>
      <source>A percentage per credit class (stratified)</source>
      <translation>按信用风险分类分别设定比例（分层抽取）</translation>
    </message>
    <message>
      <source>none</source>
      <translation>不抽取</translation>
    </message>
    <message>
      <source>Not classified</source>
      <translation>未分类</translation>
    </message>
    <message>
      <source>All subject types</source>
      <translation>全部主体类型</translation>
    </message>
    <message>
      <source>All carrier kinds</source>
      <translation>全部载体类型</translation>
    </message>
    <message>
      <source>All platforms</source>
      <translation>全部平台</translation>
    </message>
    <message>
      <source>All credit classes</source>
      <translation>全部信用分类</translation>
    </message>
    <message>
      <source>Task number *</source>
      <translation>任务编号 *</translation>
    </message>
    <message>
      <source>Task name *</source>
      <translation>任务名称 *</translation>
    </message>
    <message>
      <source>Checklist *</source>
      <translation>检查表 *</translation>
    </message>
    <message>
      <source>Due date</source>
      <translation>完成期限</translation>
    </message>
    <message>
      <source>How many to draw *</source>
      <translation>抽取数量 *</translation>
    </message>
    <message>
      <source>Which operators</source>
      <translation>抽查对象范围</translation>
    </message>
    <message>
      <source>Notes</source>
      <translation>备注</translation>
    </message>
    <message>
      <source>Save</source>
      <translation>保存</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
  </context>
  <context>
    <name>TasksPage</name>
    <message>
      <source>New task…</source>
      <translation>新建任务…</translation>
    </message>
    <message>
      <source>Edit…</source>
      <translation>修改…</translation>
    </message>
    <message>
      <source>Draw…</source>
      <translation>抽取…</translation>
    </message>
    <message>
      <source>Draw the operators and the pairs of officers at random. A task is drawn only once.</source>
      <translation>随机抽取检查对象和检查人员（两人一组）。每个任务只能抽取一次。</translation>
    </message>
    <message>
      <source>Export draw record…</source>
      <translation>导出抽取记录…</translation>
    </message>
    <message>
      <source>Verify draw</source>
      <translation>核验抽取</translation>
    </message>
    <message>
      <source>Recompute the draw from its stored seed and pools and compare it with the stored result.</source>
      <translation>用保存的随机种子和名录库重新计算抽取结果，并与保存的结果比对。</translation>
    </message>
    <message>
      <source>Close task</source>
      <translation>结束任务</translation>
    </message>
    <message>
      <source>Show closed tasks</source>
      <translation>显示已结束的任务</translation>
    </message>
    <message>
      <source>Start inspection of the selected object</source>
      <translation>对所选对象开始检查</translation>
    </message>
    <message>
      <source>Open its record</source>
      <translation>打开其检查记录</translation>
    </message>
    <message>
      <source>Drawn objects and officers:</source>
      <translation>抽中的检查对象和检查人员：</translation>
    </message>
    <message>
      <source>{count} operators</source>
      <translation>{count} 户</translation>
    </message>
    <message>
      <source>{cls} {percent}%</source>
      <translation>{cls} {percent}%</translation>
    </message>
    <message>
      <source>not classified</source>
      <translation>未分类</translation>
    </message>
    <message>
      <source>by credit class: {parts}</source>
      <translation>按信用风险分类：{parts}</translation>
    </message>
    <message>
      <source>{percent}% of the matching operators</source>
      <translation>符合条件主体的 {percent}%</translation>
    </message>
    <message>
      <source>No task yet. Create one with “New task”, then draw it.</source>
      <translation>还没有任务。请点“新建任务”，然后进行抽取。</translation>
    </message>
    <message>
      <source>&lt;b&gt;{number} {name}&lt;/b&gt; — due {due}</source>
      <translation>&lt;b&gt;{number} {name}&lt;/b&gt; — 完成期限 {due}</translation>
    </message>
    <message>
      <source>Draws {sample} from {target}.</source>
      <translation>从{target}中抽取{sample}。</translation>
    </message>
    <message>
      <source>all operators</source>
      <translation>全部经营主体</translation>
    </message>
    <message>
      <source>Not drawn yet. Now {size} operators match; the draw would pick {planned}; {officers} officers with a certificate number can be drawn.</source>
      <translation>尚未抽取。目前符合条件的主体 {size} 户，将抽取 {planned} 户；有执法证号可参与抽取的检查人员 {officers} 名。</translation>
    </message>
    <message>
      <source>Drawn on {time} by {name}: {picked} of {pool} candidates, algorithm {algorithm}.</source>
      <translation>{name} 于 {time} 抽取：从 {pool} 户中抽中 {picked} 户，算法 {algorithm}。</translation>
    </message>
    <message>
      <source>Seed: &lt;tt&gt;{seed}&lt;/tt&gt;</source>
      <translation>随机种子：&lt;tt&gt;{seed}&lt;/tt&gt;</translation>
    </message>
    <message>
      <source>Candidate pool SHA-256: &lt;tt&gt;{hash}&lt;/tt&gt;</source>
      <translation>检查对象名录 SHA-256：&lt;tt&gt;{hash}&lt;/tt&gt;</translation>
    </message>
    <message>
      <source>Result SHA-256: &lt;tt&gt;{hash}&lt;/tt&gt;</source>
      <translation>抽取结果 SHA-256：&lt;tt&gt;{hash}&lt;/tt&gt;</translation>
    </message>
    <message>
      <source>Draw task {number}</source>
      <translation>抽取任务 {number}</translation>
    </message>
    <message>
      <source>{size} operators match the task; {planned} will be drawn at random, each with two officers drawn from the {officers} officers who have a certificate number, avoiding conflicts of interest. The draw is recorded with its seed and can be verified later, but it cannot be repeated. Draw now?</source>
      <translation>符合任务条件的主体 {size} 户，将随机抽取 {planned} 户，并从 {officers} 名有执法证号的人员中为每户随机抽取两名检查人员（自动回避）。抽取过程连同随机种子一并保存，可事后核验，但不能重抽。现在抽取吗？</translation>
    </message>
    <message>
      <source>Draw</source>
      <translation>抽取</translation>
    </message>
    <message>
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <source>Drawing…</source>
      <translation>正在抽取…</translation>
    </message>
    <message>
      <source>Not drawn</source>
      <translation>未抽取</translation>
    </message>
    <message>
      <source>Assign officers by hand</source>
      <translation>请人工指定检查人员</translation>
    </message>
    <message>
      <source>Export the draw record</source>
      <translation>导出抽取记录</translation>
    </message>
    <message>
      <source>draw-{number}.json</source>
      <translation>抽取记录-{number}.json</translation>
    </message>
    <message>
      <source>Draw records (*.json)</source>
      <translation>抽取记录 (*.json)</translation>
    </message>
    <message>
      <source>Not exported</source>
      <translation>未导出</translation>
    </message>
    <message>
      <source>This task has not been drawn yet.</source>
      <translation>该任务尚未抽取。</translation>
    </message>
    <message>
      <source>The file could not be written ({detail}). Choose another folder.</source>
      <translation>文件未能写入（{detail}）。请换一个文件夹。</translation>
    </message>
    <message>
      <source>Exported</source>
      <translation>已导出</translation>
    </message>
    <message>
      <source>The draw record was saved to {path}.</source>
      <translation>抽取记录已保存到 {path}。</translation>
    </message>
    <message>
      <source>The draw of task {number} matches: recomputed from its stored seed and pools, it gives the same result.</source>
      <translation>任务 {number} 的抽取核验一致：用保存的随机种子和名录库重新计算，结果相同。</translation>
    </message>
    <message>
      <source>The draw of task {number} does NOT match:</source>
      <translation>任务 {number} 的抽取核验不一致：</translation>
    </message>
    <message>
      <source>Note: the register has changed since the draw ({added} candidates added, {removed} removed); the draw is checked against the pool stored with it.</source>
      <translation>注意：抽取后台账有变化（新增 {added} 户，减少 {removed} 户）；核验以抽取时保存的名录为准。</translation>
    </message>
    <message>
      <source>Close task {number}</source>
      <translation>结束任务 {number}</translation>
    </message>
    <message>
      <source>A closed task leaves the list of tasks due and cannot be drawn or edited any more; its records stay. Close it now?</source>
      <translation>结束后的任务不再列入待办任务，也不能再抽取或修改；已有的检查记录保留。现在结束吗？</translation>
    </message>
  </context>
  <context>
    <name>Validation</name>
    <message>
      <source>Give a reason for the deletion; it is kept in the audit log.</source>
      <translation>请填写删除原因，原因会记入变更记录。</translation>
    </message>
    <message>
      <source>Enter the name.</source>
      <translation>请填写名称。</translation>
    </message>
    <message>
      <source>Choose the subject type.</source>
      <translation>请选择主体类型。</translation>
    </message>
    <message>
      <source>This kind of identifier does not fit the subject type.</source>
      <translation>此证照类型与主体类型不符。</translation>
    </message>
    <message>
      <source>“{value}” is not a date. Write it like 2024-05-01.</source>
      <translation>“{value}”不是日期。请写成 2024-05-01 的格式。</translation>
    </message>
    <message>
      <source>“{value}” is not a yes/no value. Write 是 or 否.</source>
      <translation>“{value}”不是“是/否”值。请填写 是 或 否。</translation>
    </message>
    <message>
      <source>“{value}” is not a known subject type. Use 企业, 个体工商户, 农民专业合作社, 自然人 or 其他.</source>
      <translation>“{value}”不是可识别的主体类型。请填写 企业、个体工商户、农民专业合作社、自然人 或 其他。</translation>
    </message>
    <message>
      <source>“{value}” is not a known identifier type. Use 统一社会信用代码, 注册号, 组织机构代码, 身份证号 or 无.</source>
      <translation>“{value}”不是可识别的证照类型。请填写 统一社会信用代码、注册号、组织机构代码、身份证号 或 无。</translation>
    </message>
    <message>
      <source>Credit class is A, B, C or D.</source>
      <translation>信用风险分类只能是 A、B、C 或 D。</translation>
    </message>
    <message>
      <source>“{value}” is not a known carrier kind. Use 网店, 网站, 微信公众号, 小程序, APP, 直播间 or 本地生活.</source>
      <translation>“{value}”不是可识别的载体类型。请填写 网店、网站、微信公众号、小程序、APP、直播间 或 本地生活。</translation>
    </message>
    <message>
      <source>“{value}” is not a known licence-display state. Use 已亮照, 亮照不完整, 未亮照 or 未检查.</source>
      <translation>“{value}”不是可识别的亮照情况。请填写 已亮照、亮照不完整、未亮照 或 未检查。</translation>
    </message>
    <message>
      <source>“{value}” is not a known carrier status. Use 正常 or 已关闭.</source>
      <translation>“{value}”不是可识别的载体状态。请填写 正常 或 已关闭。</translation>
    </message>
    <message>
      <source>Excel stored this number as {value} and its last digits are lost. Format the column as text in Excel (or WPS) and enter the number again.</source>
      <translation>Excel 把这个号码存成了 {value}，末尾几位数字已丢失。请在 Excel（或 WPS）中把该列设置为文本格式，再重新填写号码。</translation>
    </message>
    <message>
      <source>This value is masked ({value}): the ledger was exported without personal data. Import a ledger that has the full numbers, or leave the cell empty.</source>
      <translation>该值已脱敏（{value}）：这份台账导出时未包含个人信息。请导入含完整号码的台账，或将该单元格留空。</translation>
    </message>
    <message>
      <source>This value is masked ({value}): the ledger was exported without personal data, so the cell is ignored.</source>
      <translation>该值已脱敏（{value}）：这份台账导出时未包含个人信息，因此忽略该单元格。</translation>
    </message>
    <message>
      <source>The text is {actual} characters long; at most {limit} fit. Shorten it.</source>
      <translation>内容有 {actual} 个字符，最多只能 {limit} 个。请删减。</translation>
    </message>
    <message>
      <source>The founding date lies in the future.</source>
      <translation>成立日期不能晚于今天。</translation>
    </message>
    <message>
      <source>Enter the reason for the listing.</source>
      <translation>请填写列入原因。</translation>
    </message>
    <message>
      <source>This identifier is already registered for {name}. Open that record instead.</source>
      <translation>此号码已登记为“{name}”。请直接打开该记录。</translation>
    </message>
    <message>
      <source>Enter the officer's name.</source>
      <translation>请填写执法人员姓名。</translation>
    </message>
    <message>
      <source>Enter the code. If the operator has none, choose “no identifier” as its type.</source>
      <translation>请填写证照号码。如该经营主体没有证照号码，请将证照类型选为“无证照号码”。</translation>
    </message>
    <message>
      <source>This operator is marked as having no identifier, but a code was entered. Either clear the code or choose the type of identifier it is.</source>
      <translation>该经营主体的证照类型为“无证照号码”，但填写了号码。请清空号码，或选择该号码对应的证照类型。</translation>
    </message>
    <message>
      <source>This code should have {expected} characters, but it has {actual}. Compare it with the licence and look for a missing or extra character.</source>
      <translation>此号码应为 {expected} 位，实际为 {actual} 位。请与证照核对，检查是否漏填或多填了字符。</translation>
    </message>
    <message>
      <source>The code contains {chars}, which never appear in a unified social credit code (the letters I, O, S, V and Z are not used). Check for O typed instead of the digit 0, or I instead of 1.</source>
      <translation>号码中含有 {chars}，统一社会信用代码不使用这些字符（不使用字母 I、O、S、V、Z）。请检查是否把数字 0 输成了字母 O，或把数字 1 输成了字母 I。</translation>
    </message>
    <message>
      <source>The first character must be one of 1-9, A, N or Y, not {actual}. Compare the code with the licence.</source>
      <translation>第 1 位应为 1-9、A、N 或 Y，而不是 {actual}。请与证照核对。</translation>
    </message>
    <message>
      <source>The second character {actual} is not used after {authority}: it must be one of {allowed}. Compare the code with the licence.</source>
      <translation>第 1 位为 {authority} 时，第 2 位不能是 {actual}，只能是 {allowed} 之一。请与证照核对。</translation>
    </message>
    <message>
      <source>Characters 3 to 8 must all be digits (they are a region code), but they are {actual}. Compare the code with the licence.</source>
      <translation>第 3 至 8 位是行政区划代码，应全部为数字，实际为 {actual}。请与证照核对。</translation>
    </message>
    <message>
      <source>Characters 3 and 4 ({actual}) are not a Chinese province code. Compare the code with the licence.</source>
      <translation>第 3、4 位（{actual}）不是我国省级行政区划代码。请与证照核对。</translation>
    </message>
    <message>
      <source>Character 17 should be {expected}, not {actual}. Check the code against the licence; if the code is really printed like this, you may save it with a reason.</source>
      <translation>第 17 位应为 {expected}，而不是 {actual}。请与证照核对；如证照上确实是这样印的，可以填写原因后保存。</translation>
    </message>
    <message>
      <source>The check character should be {expected}, not {actual}. Check the code against the licence; if the code is really printed like this, you may save it with a reason.</source>
      <translation>校验位应为 {expected}，而不是 {actual}。请与证照核对；如证照上确实是这样印的，可以填写原因后保存。</translation>
    </message>
    <message>
      <source>An organisation code may only contain digits and capital letters, but it contains {chars}. Compare it with the certificate.</source>
      <translation>组织机构代码只能由数字和大写字母组成，但其中含有 {chars}。请与代码证书核对。</translation>
    </message>
    <message>
      <source>A registration number (注册号) consists of digits only, but it contains {chars}. Compare it with the licence.</source>
      <translation>注册号只能由数字组成，但其中含有 {chars}。请与证照核对。</translation>
    </message>
    <message>
      <source>An ID card number consists of digits, with only the last character possibly X, but it contains {chars}. Compare it with the ID card.</source>
      <translation>身份证号码由数字组成，只有最后一位可能是 X，但其中含有 {chars}。请与身份证核对。</translation>
    </message>
    <message>
      <source>The birth date in this ID number ({actual}) is not a real date between 1900 and today. Compare the number with the ID card.</source>
      <translation>此身份证号码中的出生日期（{actual}）不是 1900 年至今的有效日期。请与身份证核对。</translation>
    </message>
    <message>
      <source>The last character should be {expected}, not {actual}. Check the number against the ID card; if the card really shows this number, you may save it with a reason.</source>
      <translation>最后一位应为 {expected}，而不是 {actual}。请与身份证核对；如身份证上确实是这个号码，可以填写原因后保存。</translation>
    </message>
    <message>
      <source>This is an old 15-digit ID number. If possible, ask for the 18-digit number on the current ID card.</source>
      <translation>这是旧的 15 位身份证号码。如有可能，请索取现行身份证上的 18 位号码。</translation>
    </message>
    <message>
      <source>“{number}” is not a phone number. Enter an 11-digit mobile number, a landline with its area code such as 0571-87654321, or a 400/800 number. Separate several numbers with a semicolon.</source>
      <translation>“{number}”不是电话号码。请填写 11 位手机号、带区号的固定电话（如 0571-87654321）或 400/800 号码；多个号码用分号隔开。</translation>
    </message>
    <message>
      <source>The mobile number “{number}” has {actual} digits; mobile numbers have 11. Look for a missing or extra digit.</source>
      <translation>手机号“{number}”有 {actual} 位，手机号应为 11 位。请检查是否漏填或多填了数字。</translation>
    </message>
    <message>
      <source>The landline “{number}” has no area code. Add it in front, for example 0571-{number}.</source>
      <translation>固定电话“{number}”缺少区号。请在前面加上区号，例如 0571-{number}。</translation>
    </message>
    <message>
      <source>“{value}” is not an ICP filing number. Copy it from the bottom of the website or from the MIIT filing system; it looks like 京ICP备12345678号-1 or 京ICP证123456号.</source>
      <translation>“{value}”不是 ICP 备案号。请从网站底部或工业和信息化部备案系统中复制，格式如 京ICP备12345678号-1 或 京ICP证123456号。</translation>
    </message>
    <message>
      <source>“{actual}” is not a province abbreviation used in ICP numbers (such as 京, 沪 or 粤). Check the first character.</source>
      <translation>“{actual}”不是 ICP 号码使用的省份简称（如 京、沪、粤）。请检查第一个字。</translation>
    </message>
    <message>
      <source>The number in an ICP filing (ICP备) has 8 or 10 digits, but this one has {actual}. Look for a missing or extra digit.</source>
      <translation>ICP 备案号（ICP备）中的数字应为 8 位或 10 位，此号码为 {actual} 位。请检查是否漏填或多填了数字。</translation>
    </message>
    <message>
      <source>The number in an ICP licence (ICP证) has 6 digits, but this one has {actual}. Look for a missing or extra digit.</source>
      <translation>ICP 经营许可证号（ICP证）中的数字应为 6 位，此号码为 {actual} 位。请检查是否漏填或多填了数字。</translation>
    </message>
    <message>
      <source>The character 号 is missing after the digits. The correct form is {suggestion}.</source>
      <translation>数字后面缺少“号”字，正确写法为 {suggestion}。</translation>
    </message>
    <message>
      <source>Enter the task number.</source>
      <translation>请填写任务编号。</translation>
    </message>
    <message>
      <source>Another task already has the number {number}. Each task needs its own number.</source>
      <translation>已有任务使用编号 {number}。每个任务的编号不能重复。</translation>
    </message>
    <message>
      <source>Enter the name of the task.</source>
      <translation>请填写任务名称。</translation>
    </message>
    <message>
      <source>Choose the checklist this task uses.</source>
      <translation>请选择本任务使用的检查表。</translation>
    </message>
    <message>
      <source>Say how many operators to draw: a number, a percentage, or a percentage for each credit class.</source>
      <translation>请填写抽取数量：户数、比例，或按信用风险分类分别设定比例。</translation>
    </message>
    <message>
      <source>Give either a number of operators or percentages, not both.</source>
      <translation>户数和比例只能填写一种。</translation>
    </message>
    <message>
      <source>The number of operators to draw must be at least 1.</source>
      <translation>抽取户数至少为 1。</translation>
    </message>
    <message>
      <source>A percentage must be more than 0 and at most 100; {value} is not.</source>
      <translation>比例应大于 0 且不超过 100，{value} 不符合要求。</translation>
    </message>
    <message>
      <source>“{value}” is not a credit class. Use A, B, C or D (or leave it empty for unclassified operators).</source>
      <translation>“{value}”不是信用风险分类。请使用 A、B、C 或 D（未分类的经营主体留空）。</translation>
    </message>
    <message>
      <source>This task was drawn on {date}. A draw cannot be repeated or changed; create a new task instead.</source>
      <translation>本任务已于 {date} 抽取。抽取结果不能重抽或修改；如需调整，请新建任务。</translation>
    </message>
    <message>
      <source>This task is closed.</source>
      <translation>本任务已结束。</translation>
    </message>
    <message>
      <source>No operator in the register matches the task's target. Change the target or update the register first.</source>
      <translation>台账中没有符合本任务抽查对象条件的经营主体。请调整对象条件，或先更新台账。</translation>
    </message>
    <message>
      <source>A draw needs at least two active officers with an enforcement certificate number (执法证号); there are {count}. Add officers or enter their certificate numbers in the officer list.</source>
      <translation>抽取至少需要两名在岗并持有执法证号的执法人员，目前只有 {count} 名。请在人员名录中添加人员或补填执法证号。</translation>
    </message>
    <message>
      <source>For {count} of the drawn operators fewer than two officers are free of conflicts (回避). Assign officers to them by hand.</source>
      <translation>有 {count} 户抽中对象因回避可派人员不足两名，请手工指派检查人员。</translation>
    </message>
    <message>
      <source>Enter why this officer must not inspect this operator (for example: a relative works there).</source>
      <translation>请填写该执法人员需要回避的原因（例如：近亲属在该单位任职）。</translation>
    </message>
    <message>
      <source>This conflict of interest is already recorded.</source>
      <translation>该回避关系已登记。</translation>
    </message>
    <message>
      <source>This record is finalized and can no longer be changed. To correct it, create an amendment and give the reason.</source>
      <translation>本记录已定稿，不能再修改。如需更正，请新建更正记录并写明原因。</translation>
    </message>
    <message>
      <source>This draft was discarded and can no longer be changed.</source>
      <translation>该草稿已作废，不能再修改。</translation>
    </message>
    <message>
      <source>This operator is not in the register (it may have been deleted in another window).</source>
      <translation>台账中找不到该经营主体（可能已在其他窗口中删除）。</translation>
    </message>
    <message>
      <source>This shop or website belongs to another operator. Choose one of this operator's carriers.</source>
      <translation>该网店或网站属于其他经营主体。请选择本经营主体名下的载体。</translation>
    </message>
    <message>
      <source>{name} is chosen twice. Choose two different officers.</source>
      <translation>{name} 被重复选择。请选择两名不同的执法人员。</translation>
    </message>
    <message>
      <source>{name} is no longer an active officer. Choose another officer.</source>
      <translation>{name} 已不在岗。请选择其他执法人员。</translation>
    </message>
    <message>
      <source>{name} must not inspect this operator (回避: {reason}). Choose another officer.</source>
      <translation>{name} 须回避本检查对象（回避原因：{reason}）。请选择其他执法人员。</translation>
    </message>
    <message>
      <source>An officer chosen is not in this station's officer list.</source>
      <translation>所选人员不在本所执法人员名录中。</translation>
    </message>
    <message>
      <source>An inspection needs at least two officers (行政处罚法 第42条); {count} chosen. Add a colleague.</source>
      <translation>检查须有两名以上执法人员（行政处罚法第四十二条），目前选了 {count} 名。请再添加一名同事。</translation>
    </message>
    <message>
      <source>{name} has no enforcement certificate number (执法证号). Enter it in the officer list before finalizing.</source>
      <translation>{name} 没有执法证号。定稿前请在人员名录中补填。</translation>
    </message>
    <message>
      <source>Enter when the inspection started.</source>
      <translation>请填写检查开始时间。</translation>
    </message>
    <message>
      <source>Enter when the inspection ended.</source>
      <translation>请填写检查结束时间。</translation>
    </message>
    <message>
      <source>The end time {end} is before the start time {start}. Correct one of them.</source>
      <translation>结束时间 {end} 早于开始时间 {start}。请更正其中一个。</translation>
    </message>
    <message>
      <source>Enter where the inspection took place (for online checks, for example the shop's address).</source>
      <translation>请填写检查地点（网络检查可填写网店网址或监测地点）。</translation>
    </message>
    <message>
      <source>This text is too long: {actual} characters, at most {limit} are allowed.</source>
      <translation>内容过长：共 {actual} 个字，最多 {limit} 个字。</translation>
    </message>
    <message>
      <source>“{value}” is not one of the inspection methods.</source>
      <translation>“{value}”不是规定的核查方式。</translation>
    </message>
    <message>
      <source>Choose at least one inspection method.</source>
      <translation>请至少选择一种核查方式。</translation>
    </message>
    <message>
      <source>“{value}” is not one of the official result categories.</source>
      <translation>“{value}”不是规定的检查结果类别。</translation>
    </message>
    <message>
      <source>Choose at least one result of the inspection.</source>
      <translation>请至少选择一项检查结果。</translation>
    </message>
    <message>
      <source>“未发现问题” cannot be chosen together with “{value}”. Remove one of them.</source>
      <translation>“未发现问题”不能与“{value}”同时选择。请去掉其中一项。</translation>
    </message>
    <message>
      <source>Item {code} is answered 不符合, but the result says “未发现问题”. Choose the result that describes the problem.</source>
      <translation>检查事项 {code} 为“不符合”，但检查结果为“未发现问题”。请选择反映所发现问题的检查结果。</translation>
    </message>
    <message>
      <source>“{value}” is not one of the follow-up measures.</source>
      <translation>“{value}”不是规定的后续处置措施。</translation>
    </message>
    <message>
      <source>Choose the follow-up measure.</source>
      <translation>请选择后续处置措施。</translation>
    </message>
    <message>
      <source>Describe the follow-up measure “其他”.</source>
      <translation>后续处置措施选了“其他”，请写明具体措施。</translation>
    </message>
    <message>
      <source>An order to rectify within a time limit (责令限期整改) needs a deadline.</source>
      <translation>责令限期整改须填写整改期限。</translation>
    </message>
    <message>
      <source>The rectification deadline {deadline} is before the day of the inspection ({day}).</source>
      <translation>整改期限 {deadline} 早于检查日期（{day}）。</translation>
    </message>
    <message>
      <source>The checklist of this record has no item {code}.</source>
      <translation>本记录使用的检查表中没有事项 {code}。</translation>
    </message>
    <message>
      <source>Answer item {code} with 符合, 不符合 or 不适用.</source>
      <translation>检查事项 {code} 请选择“符合”“不符合”或“不适用”。</translation>
    </message>
    <message>
      <source>“{value}” is not a number. Enter digits only, for example 12 or 3.5.</source>
      <translation>“{value}”不是数字。请只填写数字，例如 12 或 3.5。</translation>
    </message>
    <message>
      <source>“{value}” is not a date. Enter it like 2026-03-01.</source>
      <translation>“{value}”不是日期。请按 2026-03-01 的格式填写。</translation>
    </message>
    <message>
      <source>Item {code} is not answered yet: {question}</source>
      <translation>检查事项 {code} 尚未填写：{question}</translation>
    </message>
    <message>
      <source>Item {code} is answered 不符合 and needs evidence. Attach a screenshot, recording or document to this item.</source>
      <translation>检查事项 {code} 为“不符合”，须附证据。请为该事项添加截图、录屏或文件。</translation>
    </message>
    <message>
      <source>Enter the reason for the amendment.</source>
      <translation>请填写更正原因。</translation>
    </message>
    <message>
      <source>Only a finalized record is amended; a draft can be corrected directly.</source>
      <translation>只有定稿记录需要更正；草稿可以直接修改。</translation>
    </message>
    <message>
      <source>This record already has a newer version (an amendment, finalized or in progress). Open and amend that one.</source>
      <translation>本记录已有更新的版本（已定稿或正在填写的更正记录）。请打开该版本进行更正。</translation>
    </message>
    <message>
      <source>Enter why this draft is discarded.</source>
      <translation>请填写作废该草稿的原因。</translation>
    </message>
    <message>
      <source>The file {name} is empty.</source>
      <translation>文件 {name} 是空文件。</translation>
    </message>
    <message>
      <source>The file {name} is {size} MB; evidence files may be at most {limit} MB. Shorten the recording, or save the web page as PDF.</source>
      <translation>文件 {name} 大小为 {size} MB，证据文件最大 {limit} MB。请缩短录屏，或将网页另存为 PDF。</translation>
    </message>
    <message>
      <source>The file {name} is not an image, a PDF or a video. Save screenshots as PNG or JPEG, web pages as PDF, and screen recordings as MP4.</source>
      <translation>文件 {name} 不是图片、PDF 或视频。截图请保存为 PNG 或 JPEG，网页请保存为 PDF，录屏请保存为 MP4。</translation>
    </message>
    <message>
      <source>The file {name} cannot be read ({detail}). Check that it still exists and is not open elsewhere.</source>
      <translation>无法读取文件 {name}（{detail}）。请确认文件仍然存在，且没有被其他程序占用。</translation>
    </message>
    <message>
      <source>The evidence file {name} is missing from the evidence store (evidence.db). Attach the original file again.</source>
      <translation>证据库（evidence.db）中找不到证据文件 {name}。请重新添加原始文件。</translation>
    </message>
    <message>
      <source>The evidence file {name} is damaged: its content no longer matches its fingerprint. Attach the original file again.</source>
      <translation>证据文件 {name} 已损坏：内容与其校验值不符。请重新添加原始文件。</translation>
    </message>
    <message>
      <source>This rectification is already closed.</source>
      <translation>该整改事项已办结。</translation>
    </message>
    <message>
      <source>The new deadline must be later than the current one ({deadline}).</source>
      <translation>新的整改期限须晚于当前期限（{deadline}）。</translation>
    </message>
    <message>
      <source>Enter why the deadline is extended.</source>
      <translation>请填写延长整改期限的原因。</translation>
    </message>
    <message>
      <source>Finalize the re-inspection record before closing the rectification.</source>
      <translation>请先将复查记录定稿，再办结整改。</translation>
    </message>
    <message>
      <source>This re-inspection record belongs to another rectification.</source>
      <translation>该复查记录属于其他整改事项。</translation>
    </message>
    <message>
      <source>Rows {rows} describe the same operator ({key}) with different values in {fields}. Keep one version of the row and import again.</source>
      <translation>第 {rows} 行是同一经营主体（{key}），但 {fields} 的内容不一致。请只保留一种写法后重新导入。</translation>
    </message>
    <message>
      <source>Rows {rows} describe the same carrier ({carrier}) with different values in {fields}. Keep one version.</source>
      <translation>第 {rows} 行是同一载体（{carrier}），但 {fields} 的内容不一致。请只保留一种写法。</translation>
    </message>
    <message>
      <source>The register holds this ID number for {name}, not for the name in this row. Check the name and the number.</source>
      <translation>台账中该身份证号登记的是 {name}，与本行的姓名不符。请核对姓名和号码。</translation>
    </message>
    <message>
      <source>{count} operators in the register match this row ({names}), so it cannot be told which one is meant. Add the identifier to the row.</source>
      <translation>台账中有 {count} 户经营主体与本行相符（{names}），无法判断指的是哪一户。请在本行补充证照号码。</translation>
    </message>
    <message>
      <source>Rows {rows} and rows {other} would both change {name} in the register. Keep one of them.</source>
      <translation>第 {rows} 行和第 {other} 行都会修改台账中的 {name}。请只保留其中一行。</translation>
    </message>
    <message>
      <source>This natural person has neither an ID number nor a phone number, so the row is matched by name alone.</source>
      <translation>该自然人既无身份证号也无电话号码，只能按姓名匹配。</translation>
    </message>
  </context>
  <context>
    <name>Vocabulary</name>
    <message>
      <source>Enterprise</source>
      <translation>企业</translation>
    </message>
    <message>
      <source>Individual business</source>
      <translation>个体工商户</translation>
    </message>
    <message>
      <source>Farmers' cooperative</source>
      <translation>农民专业合作社</translation>
    </message>
    <message>
      <source>Natural person</source>
      <translation>自然人</translation>
    </message>
    <message>
      <source>Other</source>
      <translation>其他</translation>
    </message>
    <message>
      <source>Platform shop</source>
      <translation>网店</translation>
    </message>
    <message>
      <source>Website</source>
      <translation>网站</translation>
    </message>
    <message>
      <source>WeChat official account</source>
      <translation>微信公众号</translation>
    </message>
    <message>
      <source>Mini-program</source>
      <translation>小程序</translation>
    </message>
    <message>
      <source>App</source>
      <translation>APP</translation>
    </message>
    <message>
      <source>Live-stream / short-video account</source>
      <translation>直播间/短视频账号</translation>
    </message>
    <message>
      <source>Local-life store</source>
      <translation>本地生活店铺</translation>
    </message>
    <message>
      <source>Not checked</source>
      <translation>未检查</translation>
    </message>
    <message>
      <source>Displayed</source>
      <translation>已亮照</translation>
    </message>
    <message>
      <source>Incomplete</source>
      <translation>亮照不完整</translation>
    </message>
    <message>
      <source>Not displayed</source>
      <translation>未亮照</translation>
    </message>
    <message>
      <source>A (low risk)</source>
      <translation>A 类（低风险）</translation>
    </message>
    <message>
      <source>B (general risk)</source>
      <translation>B 类（一般风险）</translation>
    </message>
    <message>
      <source>C (elevated risk)</source>
      <translation>C 类（较高风险）</translation>
    </message>
    <message>
      <source>D (high risk)</source>
      <translation>D 类（高风险）</translation>
    </message>
    <message>
      <source>Officer</source>
      <translation>执法人员</translation>
    </message>
    <message>
      <source>Station head</source>
      <translation>所长</translation>
    </message>
    <message>
      <source>Unified social credit code</source>
      <translation>统一社会信用代码</translation>
    </message>
    <message>
      <source>Organisation code</source>
      <translation>组织机构代码</translation>
    </message>
    <message>
      <source>Registration number</source>
      <translation>注册号</translation>
    </message>
    <message>
      <source>Resident ID number</source>
      <translation>身份证号码</translation>
    </message>
    <message>
      <source>No identifier</source>
      <translation>无证照号码</translation>
    </message>
  </context>
</TS>