export function startEngine(): Promise<void>;
export const logged: Record<'error' | 'warn' | 'info' | 'debug', string[]>;
export function clearLog(): void;
import type { BinaryDataService } from 'n8n-core';
export function binaryDataService(): BinaryDataService;
export function fileSizeInWords(bytes: number): string;
