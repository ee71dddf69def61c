// Temporary copies until the core package exports the identity maskers (then imported from there).
export function maskPhone (phone: string): string {
  let digits = phone.replace(/\D/g, '')
  if (digits.startsWith('62')) digits = '0' + digits.slice(2)
  if (digits.length <= 8) return '*'.repeat(digits.length)
  return digits.slice(0, 4) + '*'.repeat(digits.length - 8) + digits.slice(-4)
}
export function maskIdentity (value: string): string {
  const digits = value.replace(/\D/g, '')
  if (digits.length <= 8) return '*'.repeat(digits.length)
  return digits.slice(0, 4) + '*'.repeat(digits.length - 8) + digits.slice(-4)
}
