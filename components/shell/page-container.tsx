export function PageContainer({ children, wide = false }: { children: React.ReactNode; wide?: boolean }) {
  const width = wide ? "max-w-[1600px]" : "max-w-7xl";
  return <main id="main" className={`mx-auto ${width} space-y-8 px-4 py-6 sm:px-6 sm:py-8 lg:px-8`}>{children}</main>;
}
