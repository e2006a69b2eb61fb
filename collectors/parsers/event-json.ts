import { notImplemented } from './stub.ts';

export const parser = notImplemented('event-json', 'Get-WinEvent | ConvertTo-Json from Windows PowerShell 5.1 or PowerShell 7');
